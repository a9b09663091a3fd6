namespace Tandem.Security.Sandbox;

/// <summary>Why the sandbox killed the process. A kill by the kernel (CPU or memory rlimit) shows as a signal, not here.</summary>
public enum SandboxKillReason
{
    /// <summary>The sandbox did not kill it: it exited (or the kernel killed it on an rlimit).</summary>
    None = 0,

    /// <summary>It was still running when the wall-time limit passed.</summary>
    WallTimeLimit = 1,

    /// <summary>It kept writing to stdout or stderr past the output limit.</summary>
    OutputLimit = 2,
}
