namespace Tandem.Security.Sandbox;

/// <summary>
/// Resource limits of one sandboxed run. A <see langword="null"/> rlimit is not applied; the wall time and the output
/// limit always are (a tool that never ends or never stops writing is the failure the sandbox exists for).
/// </summary>
public sealed record SandboxLimits
{
    /// <summary>Wall-clock time after which the whole process tree is killed. Default 30 s.</summary>
    public TimeSpan WallTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>CPU time (RLIMIT_CPU, whole seconds, rounded up); the kernel kills the process at it. Default 30 s.</summary>
    public TimeSpan? CpuTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Address space in bytes (RLIMIT_AS): an allocation beyond it fails. Default 1 GiB. Runtimes that reserve large virtual
    /// ranges up front (Go, the JVM, .NET) need more, or <see langword="null"/>.
    /// </summary>
    public long? MemoryBytes { get; init; } = 1L << 30;

    /// <summary>
    /// Bytes kept from stdout and from stderr, each. Output beyond it is cut (a marker says so) and the process killed.
    /// Default 1 MiB.
    /// </summary>
    public int MaxOutputBytes { get; init; } = 1 << 20;

    /// <summary>
    /// RLIMIT_NPROC. The kernel counts every process of the real user (not only the sandbox's) and does not apply it to
    /// uid 0 at all, so it is a fork-bomb brake, not a count. Default 1024.
    /// </summary>
    public int? MaxProcesses { get; init; } = 1024;

    internal void Validate()
    {
        if (WallTime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(WallTime), WallTime, "The wall-time limit must be positive.");
        }

        if (CpuTime is { } cpu && cpu <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CpuTime), cpu, "The CPU-time limit must be positive (or null for none).");
        }

        if (MemoryBytes is { } mem && mem < 1 << 20)
        {
            throw new ArgumentOutOfRangeException(nameof(MemoryBytes), mem, "The memory limit must be at least 1 MiB (or null for none).");
        }

        if (MaxOutputBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOutputBytes), MaxOutputBytes, "The output limit must be positive.");
        }

        if (MaxProcesses is { } procs && procs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxProcesses), procs, "The process limit must be positive (or null for none).");
        }
    }

    /// <summary>CPU seconds as rlimit wants them: whole, at least one.</summary>
    internal long? CpuSeconds => CpuTime is { } cpu ? Math.Max(1, (long)Math.Ceiling(cpu.TotalSeconds)) : null;
}
