namespace Tandem.Bench.Capacity;

/// <summary>What <c>tandem bench server</c> measured, with the mode and machine it ran on.</summary>
public sealed class CapacityResults
{
    public const int ConnectionTarget = 10_000;

    public const double TurnRateTarget = 2_000;

    public CapacityServerMode RequestedMode { get; set; }

    /// <summary>The mode that ran (a child falls back to in-process when <c>tandem.dll</c> is missing).</summary>
    public CapacityServerMode Mode { get; set; }

    /// <summary>How the server ran, e.g. the child's command line, pid and GC mode.</summary>
    public string Server { get; set; } = string.Empty;

    public string BaseUrl { get; set; } = string.Empty;

    public string Profile { get; set; } = string.Empty;

    public int ProcessorCount { get; set; } = Environment.ProcessorCount;

    public string Os { get; set; } = System.Runtime.InteropServices.RuntimeInformation.OSDescription;

    public string Runtime { get; set; } = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    /// <summary>1-minute load average when the run started (the machine may be shared).</summary>
    public double? LoadAverageAtStart { get; set; }

    public DateTimeOffset StartedAt { get; set; } = DateTimeOffset.UtcNow;

    public IdleConnectionResults? Idle { get; set; }

    public TurnRateResults? Turns { get; set; }

    public bool? MeetsConnectionTarget => Idle is null ? null : Idle.Opened >= ConnectionTarget;

    public bool? MeetsTurnTarget => Turns is null ? null : Turns.TurnsPerSecond >= TurnRateTarget;

    /// <summary>Caveats: fallbacks, limits hit, what a figure includes.</summary>
    public List<string> Notes { get; } = [];
}
