namespace Tandem.Bench.Capacity;

/// <summary>The turn test: K connections sending small scripted turns back to back.</summary>
public sealed class TurnRateResults
{
    public int Connections { get; set; }

    public int ChainTurns { get; set; }

    public double WarmupSeconds { get; set; }

    /// <summary>The measured window, as it ran.</summary>
    public double WindowSeconds { get; set; }

    /// <summary>Turns completed (<c>response.completed</c>) inside the window.</summary>
    public long Turns { get; set; }

    public double TurnsPerSecond => WindowSeconds > 0 ? Turns / WindowSeconds : 0;

    /// <summary>From sending <c>response.create</c> to reading <c>response.completed</c>.</summary>
    public double P50Ms { get; set; }

    public double P95Ms { get; set; }

    public double P99Ms { get; set; }

    public double MaxMs { get; set; }

    /// <summary>Turns that ended with an error event, a failed response, or a broken connection.</summary>
    public long Errors { get; set; }

    public List<string> ErrorMessages { get; } = [];

    /// <summary>WebSocket frames (events) per turn.</summary>
    public double EventsPerTurn { get; set; }

    public double BytesReceivedPerTurn { get; set; }

    /// <summary>The server's CPU time in the window (child mode; in-process it is inside <see cref="ClientCpuSeconds"/>).</summary>
    public double? ServerCpuSeconds { get; set; }

    /// <summary>This process's CPU time in the window (client; in-process mode: client and server).</summary>
    public double ClientCpuSeconds { get; set; }

    public double? ServerCpuMsPerTurn => ServerCpuSeconds is { } s && Turns > 0 ? s * 1000 / Turns : null;

    public double ClientCpuMsPerTurn => Turns > 0 ? ClientCpuSeconds * 1000 / Turns : 0;

    /// <summary>
    /// Turns/s the server alone could serve on all <see cref="Processors"/> if it had them to itself:
    /// processors ÷ server CPU per turn (child mode).
    /// </summary>
    public double? ServerBoundTurnsPerSecond => ServerCpuMsPerTurn is { } ms && ms > 0 ? Processors * 1000 / ms : null;

    public int Processors { get; set; }

    /// <summary>Garbage collections in this process during the window (gen0, gen1, gen2).</summary>
    public string? ClientCollections { get; set; }

    /// <summary>Bytes this process allocated in the window (client; in-process mode: client and server).</summary>
    public double ClientAllocatedBytes { get; set; }

    public double ClientAllocatedBytesPerTurn => Turns > 0 ? ClientAllocatedBytes / Turns : 0;

    public int ClientThreadPoolThreads { get; set; }

    public ServerMemorySample? ServerAfter { get; set; }
}
