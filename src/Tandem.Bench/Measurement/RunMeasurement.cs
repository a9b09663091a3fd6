namespace Tandem.Bench.Measurement;

/// <summary>One client's run of one scenario, start to final answer.</summary>
public sealed record RunMeasurement
{
    public required double WallMs { get; init; }

    public required IReadOnlyList<TurnMeasurement> Turns { get; init; }

    /// <summary>The final answer's text.</summary>
    public required string Output { get; init; }

    /// <summary>Why the run failed, or <see langword="null"/>.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// Connections opened during the run (HTTP pool growth, WebSocket reconnects). The bench runs each
    /// client once before measuring, so a measured run starts on warm connections and any new one counts.
    /// </summary>
    public long ExtraConnections { get; init; }

    /// <summary>Chains replayed after <c>previous_response_not_found</c> or a lost connection (Tandem only).</summary>
    public int Replays { get; init; }

    /// <summary>Requests retried by the client's policy, where the client reports it.</summary>
    public int Retries { get; init; }
}
