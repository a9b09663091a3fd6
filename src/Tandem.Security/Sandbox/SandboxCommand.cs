namespace Tandem.Security.Sandbox;

/// <summary>
/// What to run: an executable and its argv, never a command line. There is deliberately no constructor that takes a
/// single string to be split or handed to a shell: model text reaches a process only as whole argv elements.
/// </summary>
public sealed class SandboxCommand
{
    /// <param name="executable">
    /// A bare name looked up on the sandbox's PATH, an absolute path (read-only outside the workspace under bubblewrap),
    /// or a relative path with a slash, resolved inside the workspace (and refused if it escapes).
    /// </param>
    /// <param name="arguments">argv[1..], each passed verbatim (see <see cref="SandboxArgument"/>).</param>
    public SandboxCommand(string executable, IEnumerable<SandboxArgument>? arguments = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executable);
        Executable = executable;
        Arguments = arguments is null ? [] : [.. arguments];
    }

    public string Executable { get; }

    public IReadOnlyList<SandboxArgument> Arguments { get; }

    /// <summary>Working directory relative to the workspace root (confined like a path argument). Default: the root.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Written to the process's stdin, which is then closed. Without it stdin is empty (never this process's).</summary>
    public string? StandardInput { get; init; }

    /// <summary>
    /// Variables set explicitly for this run, on top of the allowlisted ones. Secret-looking names are refused here too
    /// (reported in <see cref="SandboxResult.Diagnostics"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public override string ToString() =>
        Arguments.Count == 0 ? Executable : Executable + " " + string.Join(' ', Arguments.Select(a => a.ToString()));
}
