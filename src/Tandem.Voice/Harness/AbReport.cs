namespace Tandem.Voice.Harness;

/// <summary>The outcome of an A/B run: every sample's result, the summaries and the paired comparisons.</summary>
public sealed record AbReport
{
    public required DateTimeOffset CreatedAt { get; init; }

    public required string ArmA { get; init; }

    public required string ArmB { get; init; }

    public required IReadOnlyList<PolicyDescription> Policies { get; init; }

    public required int Samples { get; init; }

    /// <summary>Wall time of the run in seconds.</summary>
    public required double ElapsedSeconds { get; init; }

    public required IReadOnlyList<ArmSummary> Summaries { get; init; }

    public required IReadOnlyList<ArmComparison> Comparisons { get; init; }

    public required IReadOnlyList<SampleResult> Results { get; init; }

    /// <summary>Said in every report: what the offline arms measure and what they do not.</summary>
    public string Caveat { get; init; } = string.Empty;
}
