using System.Runtime.InteropServices;

namespace Tandem.Security.Sandbox;

/// <summary>
/// kill(2) for SIGSTOP, which .NET has no API for. Freezing a process tree before killing it is what makes the kill
/// complete: a stopped process cannot fork, and its children stay its children (instead of being re-parented out of
/// reach the moment it dies) until everything found is killed.
/// </summary>
internal static class PosixSignals
{
    // Linux numbering (x86-64 and arm64).
    public const int SigKill = 9;
    public const int SigStop = 19;

    /// <summary>Sends the signal; false when the process is gone or not ours (errno is not needed: a rescan decides).</summary>
    public static bool Send(int pid, int signal) => pid > 1 && Kill(pid, signal) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
