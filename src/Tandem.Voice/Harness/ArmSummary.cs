namespace Tandem.Voice.Harness;

/// <summary>The metrics of one arm under one policy, over a group of samples (all, one kind, one condition).</summary>
public sealed record ArmSummary
{
    public required string Arm { get; init; }

    public required string Policy { get; init; }

    /// <summary><c>all</c>, <c>kind:PhoneNumber</c>, <c>condition:Telephone</c>…</summary>
    public required string Group { get; init; }

    public required int Samples { get; init; }

    /// <summary>Share of samples whose accepted value equals the truth.</summary>
    public required double ExactMatch { get; init; }

    /// <summary>Share of samples where a wrong value was accepted.</summary>
    public required double FalseAcceptRate { get; init; }

    /// <summary>Share of samples with no value accepted.</summary>
    public required double GiveUpRate { get; init; }

    /// <summary>Share of samples captured right from the first utterance, without a re-ask.</summary>
    public required double FirstAttemptCapture { get; init; }

    /// <summary>Mean caller turns of the samples captured right; null when none was.</summary>
    public double? TurnsToCapture { get; init; }

    /// <summary>Mean character error rate of the first attempts.</summary>
    public required double FirstAttemptCer { get; init; }

    public double? LatencyP50Ms { get; init; }

    public double? LatencyP95Ms { get; init; }

    internal static ArmSummary From(string arm, string policy, string group, IReadOnlyList<SampleResult> results)
    {
        var n = results.Count;
        var correct = results.Where(r => r.Correct).ToList();
        var latencies = results.Where(r => r.FirstLatencyMs is not null).Select(r => r.FirstLatencyMs!.Value).Order().ToList();
        return new ArmSummary
        {
            Arm = arm,
            Policy = policy,
            Group = group,
            Samples = n,
            ExactMatch = Share(correct.Count, n),
            FalseAcceptRate = Share(results.Count(r => r.FalseAccept), n),
            GiveUpRate = Share(results.Count(r => !r.Accepted), n),
            FirstAttemptCapture = Share(results.Count(r => r.FirstAttemptCapture), n),
            TurnsToCapture = correct.Count == 0 ? null : correct.Average(r => r.CallerTurns),
            FirstAttemptCer = n == 0 ? 0 : results.Average(r => r.FirstCer),
            LatencyP50Ms = Percentile(latencies, 0.50),
            LatencyP95Ms = Percentile(latencies, 0.95),
        };
    }

    private static double Share(int count, int n) => n == 0 ? 0 : (double)count / n;

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    internal static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
