using System.Diagnostics;

namespace Tandem.Security.Sandbox;

/// <summary>Finds the helper programs and proves bubblewrap works by running it.</summary>
internal static class HostProbe
{
    /// <summary>The probe of the brief: the smallest sandbox that needs user, pid, net, ipc and uts namespaces.</summary>
    internal static readonly string[] BasicProbe = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all", "true"];

    /// <summary>Every flag the bubblewrap mode uses, so an old bwrap that lacks one is found here and not at the first run.</summary>
    internal static readonly string[] FeatureProbe =
    [
        "--unshare-all", "--share-net", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
        "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--chdir", "/", "--", "true",
    ];

    // Fixed system directories before PATH: the helpers decide how safe a run is, so a PATH entry must not shadow them.
    private static readonly string[] s_systemDirectories = ["/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/local/sbin"];

    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(10);

    public static SandboxHostCapabilities Detect()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new SandboxHostCapabilities { BubblewrapStatus = "does not work: not Linux" };
        }

        var bwrap = Find("bwrap");
        var setpriv = Find("setpriv");
        if (setpriv is not null && Run(setpriv, ["--pdeathsig", "KILL", "--", "true"]).ExitCode != 0)
        {
            setpriv = null;
        }

        var (works, status, version) = ProbeBubblewrap(bwrap);
        return new SandboxHostCapabilities
        {
            BubblewrapPath = bwrap,
            BubblewrapVersion = version,
            BubblewrapWorks = works,
            BubblewrapStatus = status,
            PrlimitPath = Find("prlimit"),
            SetsidPath = Find("setsid"),
            SetprivPath = setpriv,
            ShellPath = SandboxPolicy.IsExecutableFile("/bin/sh") ? "/bin/sh" : null,
        };
    }

    private static (bool Works, string Status, string? Version) ProbeBubblewrap(string? bwrap)
    {
        if (bwrap is null)
        {
            return (false, "does not work: bwrap not found (install the bubblewrap package)", null);
        }

        var version = Run(bwrap, ["--version"]) is { ExitCode: 0 } v ? v.Output.Trim() : null;
        var label = $"{version ?? "bwrap"} at {bwrap}";
        foreach (var probe in new[] { BasicProbe, FeatureProbe })
        {
            var (exitCode, output) = Run(bwrap, probe);
            if (exitCode != 0)
            {
                var why = string.IsNullOrWhiteSpace(output) ? $"exit code {exitCode}" : output.Trim().ReplaceLineEndings(" ");
                return (false, $"does not work: {label} is installed but `bwrap {string.Join(' ', probe)}` failed: {why}", version);
            }
        }

        return (true, $"works: {label} (probe `bwrap {string.Join(' ', BasicProbe)}` succeeded)", version);
    }

    internal static string? Find(string name)
    {
        foreach (var directory in s_systemDirectories)
        {
            var candidate = Path.Combine(directory, name);
            if (SandboxPolicy.IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        return SandboxPolicy.FindOnPath(name, Environment.GetEnvironmentVariable("PATH") ?? "");
    }

    /// <summary>Runs a probe with an empty environment (PATH only) and a timeout; -1 when it could not start or hung.</summary>
    private static (int ExitCode, string Output) Run(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        try
        {
            // Synchronous on purpose: detection happens once, inside a Lazy, and the start itself runs on the spawner thread.
            using var process = ProcessSpawner.StartAsync(info).GetAwaiter().GetResult();
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(s_probeTimeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(s_probeTimeout);
                return (-1, $"timed out after {s_probeTimeout.TotalSeconds:0} s");
            }

            process.WaitForExit();
            var output = (stderr.Wait(s_probeTimeout) ? stderr.Result : "") + (stdout.Wait(s_probeTimeout) ? stdout.Result : "");
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return (-1, ex.Message);
        }
    }
}
