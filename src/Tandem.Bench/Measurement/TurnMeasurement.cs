namespace Tandem.Bench.Measurement;

/// <summary>
/// One model turn of a run, as the client saw it. Times are milliseconds; <see cref="StartMs"/> is
/// from the start of the run, the others from the start of the turn (the request leaving). Written
/// as is into <c>bench-results.json</c> (<c>runs[].turns[]</c>).
/// </summary>
public sealed record TurnMeasurement
{
    /// <summary>1-based.</summary>
    public required int Index { get; init; }

    public required string ResponseId { get; init; }

    public required double StartMs { get; init; }

    /// <summary>Until the first output the client can act on (a text delta or an output item), if any.</summary>
    public double? FirstOutputMs { get; init; }

    /// <summary>Until the response completed: the turn's latency.</summary>
    public required double CompletedMs { get; init; }

    public required long BytesSent { get; init; }

    public required long BytesReceived { get; init; }

    public required int InputTokens { get; init; }

    public required int CachedTokens { get; init; }

    public required int OutputTokens { get; init; }

    public required int ToolCalls { get; init; }
}
