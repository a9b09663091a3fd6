using System.Globalization;

namespace Tandem.Security.Sandbox;

/// <summary>
/// The argv prefix that applies the rlimits and then execs the command in place (same pid, so the kill logic and the
/// exit status are the command's own). Rlimits are inherited, so they bind everything the command starts.
/// </summary>
internal static class RlimitPrefix
{
    // A fixed script: the limits arrive as $1 and $2, the command and its arguments as "$@" after the shift, and none
    // of them is ever parsed by the shell. Used only when prlimit is missing; dash and bash both know -t (s) and -v (KiB).
    private const string UlimitScript = "ulimit -t \"$1\" || exit 125; ulimit -v \"$2\" || exit 125; shift 2; exec \"$@\"";

    public static List<string> Build(SandboxHostCapabilities host, SandboxLimits limits, List<string> diagnostics)
    {
        var cpu = limits.CpuSeconds;
        var memory = limits.MemoryBytes;
        var processes = limits.MaxProcesses;
        if (cpu is null && memory is null && processes is null)
        {
            return [];
        }

        if (host.PrlimitPath is { } prlimit)
        {
            var prefix = new List<string> { prlimit };
            if (cpu is { } seconds)
            {
                prefix.Add(string.Create(CultureInfo.InvariantCulture, $"--cpu={seconds}"));
            }

            if (memory is { } bytes)
            {
                prefix.Add(string.Create(CultureInfo.InvariantCulture, $"--as={bytes}"));
            }

            if (processes is { } count)
            {
                prefix.Add(string.Create(CultureInfo.InvariantCulture, $"--nproc={count}"));
            }

            prefix.Add("--");
            return prefix;
        }

        if (host.ShellPath is { } shell)
        {
            if (processes is not null)
            {
                diagnostics.Add("process limit not enforced: prlimit not found, and the shell's ulimit flag for it differs between shells");
            }

            return
            [
                shell, "-c", UlimitScript, "sandbox-limits",
                cpu?.ToString(CultureInfo.InvariantCulture) ?? "unlimited",
                memory is { } b ? (b / 1024).ToString(CultureInfo.InvariantCulture) : "unlimited",
            ];
        }

        diagnostics.Add("CPU, memory and process limits not enforced: neither prlimit nor /bin/sh found");
        return [];
    }
}
