namespace Tandem.Bench.Results;

/// <summary>One turn of a run (milliseconds; <see cref="StartMs"/> from the run's start, the others from the turn's).</summary>
public sealed class TurnResult
{
    public required int Index { get; set; }

    public required string ResponseId { get; set; }

    public required double StartMs { get; set; }

    public double? FirstOutputMs { get; set; }

    public required double CompletedMs { get; set; }

    public required long BytesSent { get; set; }

    public required long BytesReceived { get; set; }

    public required int InputTokens { get; set; }

    public required int CachedTokens { get; set; }

    public required int OutputTokens { get; set; }

    public required int ToolCalls { get; set; }
}
