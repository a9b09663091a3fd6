namespace Tandem.Bench.Results;

/// <summary>USD per million tokens.</summary>
public sealed class ModelPrice
{
    public required double InputPerMillion { get; set; }

    public required double CachedInputPerMillion { get; set; }

    public required double OutputPerMillion { get; set; }

    /// <summary>The cost of a run that sent <paramref name="inputTokens"/> (of which <paramref name="cachedTokens"/> cached) and got <paramref name="outputTokens"/>.</summary>
    public double Cost(double inputTokens, double cachedTokens, double outputTokens) =>
        ((inputTokens - cachedTokens) * InputPerMillion + cachedTokens * CachedInputPerMillion + outputTokens * OutputPerMillion) / 1_000_000;
}
