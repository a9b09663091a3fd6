namespace Tandem.Security.Sandbox;

public sealed partial class SandboxPolicy
{
    /// <summary>
    /// Checks every path of a command before anything runs: the working directory and path arguments must stay in the
    /// workspace, the executable must exist. Literal arguments are only checked for NUL (which argv cannot carry).
    /// </summary>
    internal ResolvedCommand Resolve(SandboxCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var workingDirectory = command.WorkingDirectory is null ? WorkspaceRoot : ResolvePath(command.WorkingDirectory);
        if (!Directory.Exists(workingDirectory))
        {
            throw new SandboxRefusedException($"The working directory '{command.WorkingDirectory}' does not exist in the workspace.", command.WorkingDirectory);
        }

        var arguments = new List<string>(command.Arguments.Count);
        foreach (var argument in command.Arguments)
        {
            if (argument.Value is null)
            {
                throw new SandboxRefusedException("A default (null) argument was refused.");
            }

            if (argument.IsWorkspacePath)
            {
                arguments.Add(ResolvePath(argument.Value));
                continue;
            }

            if (argument.Value.Contains('\0', StringComparison.Ordinal))
            {
                throw new SandboxRefusedException("An argument containing a NUL character cannot be passed verbatim and was refused.");
            }

            arguments.Add(argument.Value);
        }

        return new ResolvedCommand(ResolveExecutable(command.Executable), arguments, workingDirectory);
    }

    /// <summary>
    /// An absolute path is taken as is (programs live outside the workspace; under bubblewrap they are read-only); a
    /// relative path with a slash is a workspace path; a bare name is looked up on the sandbox's PATH, as execvp would.
    /// </summary>
    private string ResolveExecutable(string executable)
    {
        if (executable.Contains('\0', StringComparison.Ordinal))
        {
            throw new SandboxRefusedException("An executable name containing a NUL character was refused.");
        }

        string candidate;
        if (Path.IsPathRooted(executable))
        {
            candidate = executable;
        }
        else if (executable.Contains('/', StringComparison.Ordinal))
        {
            candidate = ResolvePath(executable);
        }
        else
        {
            candidate = FindOnPath(executable, SandboxSearchPath)
                ?? throw new SandboxRefusedException($"The executable '{executable}' was not found on the sandbox's PATH.");
        }

        if (!IsExecutableFile(candidate))
        {
            throw new SandboxRefusedException($"The executable '{executable}' does not exist or is not executable.", executable);
        }

        return candidate;
    }

    internal static string? FindOnPath(string name, string searchPath)
    {
        foreach (var directory in searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Path.IsPathRooted(directory))
            {
                // A relative PATH entry would be resolved against the workspace, which the process can write.
                continue;
            }

            var candidate = Path.Combine(directory, name);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    internal static bool IsExecutableFile(string path)
    {
        try
        {
            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            return !OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & anyExecute) != 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
