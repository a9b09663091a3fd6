namespace Tandem.Voice.Harness;

/// <summary>
/// The paired difference between two configurations on the same samples, for one metric:
/// arm B against arm A under one policy, or a policy against no fallbacks on one arm.
/// </summary>
public sealed record ArmComparison
{
    /// <summary><c>exact_match</c> or <c>false_accept</c>.</summary>
    public required string Metric { get; init; }

    /// <summary>The baseline, e.g. <c>local:sphinx-lm / full</c>.</summary>
    public required string A { get; init; }

    /// <summary>The challenger, e.g. <c>local:sphinx-alnum / full</c>.</summary>
    public required string B { get; init; }

    public required int Samples { get; init; }

    /// <summary>Samples where only A had the outcome (e.g. was right).</summary>
    public required int OnlyA { get; init; }

    /// <summary>Samples where only B had it.</summary>
    public required int OnlyB { get; init; }

    /// <summary>Two-sided exact McNemar p-value on the discordant pairs.</summary>
    public required double McNemarP { get; init; }

    /// <summary>Rate of B minus rate of A, with its paired bootstrap interval.</summary>
    public required BootstrapInterval Difference { get; init; }
}
