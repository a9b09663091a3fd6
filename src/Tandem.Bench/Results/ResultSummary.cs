namespace Tandem.Bench.Results;

/// <summary>Medians and p95s over a client's runs of a scenario, its totals, and its verdicts.</summary>
public sealed class ResultSummary
{
    public required int Runs { get; set; }

    public required int Errors { get; set; }

    public required double WallMsMedian { get; set; }

    public required double WallMsP95 { get; set; }

    public double? IdealMsMedian { get; set; }

    /// <summary>Median of (measured − ideal) per run.</summary>
    public double? OverIdealMsMedian { get; set; }

    /// <summary>benchmark-method.md's allowance: WS 3% + 2 ms/turn, HTTP 5% + 3 ms/turn of the ideal.</summary>
    public double? AllowanceMs { get; set; }

    /// <summary>Within the allowance (Tandem clients are held to it; the others are shown for comparison).</summary>
    public bool? WithinAllowance { get; set; }

    /// <summary>Median over all turns of all runs.</summary>
    public required double TurnMsMedian { get; set; }

    public required double TurnMsP95 { get; set; }

    public double? FirstOutputMsMedian { get; set; }

    /// <summary>Per run, medians.</summary>
    public required double BytesSentMedian { get; set; }

    public required double BytesReceivedMedian { get; set; }

    public required double InputTokensMedian { get; set; }

    public required double CachedTokensMedian { get; set; }

    public required double OutputTokensMedian { get; set; }

    public long ExtraConnections { get; set; }

    public int Replays { get; set; }

    public int Retries { get; set; }

    /// <summary>Estimated cost of one run at the price model's rates (USD).</summary>
    public double? CostUsdMedian { get; set; }

    /// <summary>Median wall time relative to <c>tandem-http</c> (HTTP chained) on the same scenario.</summary>
    public double? RatioToHttpChained { get; set; }

    /// <summary>Bytes sent in the last turn over bytes sent in the second (flat ≈ 1 over WebSocket).</summary>
    public double? BytesSentGrowth { get; set; }
}
