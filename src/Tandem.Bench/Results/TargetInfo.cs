namespace Tandem.Bench.Results;

/// <summary>What the clients ran against, with every number of the latency profile.</summary>
public sealed class TargetInfo
{
    /// <summary><c>local</c> (the embedded server) or <c>remote</c>.</summary>
    public required string Kind { get; set; }

    public required string BaseUrl { get; set; }

    /// <summary>The model named on a real endpoint; on the local server each scenario is its own model.</summary>
    public string? Model { get; set; }

    /// <summary>The latency profile (local only): its name and every figure, as loaded.</summary>
    public Dictionary<string, double>? Profile { get; set; }

    public string? ProfileName { get; set; }

    /// <summary>The model whose prices the cost estimate uses, and the pricing table's date and source.</summary>
    public string? PriceModel { get; set; }

    public string? PricingDate { get; set; }

    public string? PricingSource { get; set; }
}
