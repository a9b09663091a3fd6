using Tandem.Bench.Results;

namespace Tandem.Bench.Reports;

/// <summary>The few statistics the reports compute themselves (the summaries carry the rest).</summary>
internal static class ReportStats
{
    /// <summary>The median by <see cref="Stats"/> (the bench's one definition), or <see langword="null"/> for no finite values.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? null : Stats.Median(finite);
    }

    /// <summary>The runs a per-turn series is drawn from, as for the summaries: those that finished without an error, or all of them when none did.</summary>
    public static IReadOnlyList<RunResult> RunsForSeries(ClientScenarioResult result)
    {
        var ok = result.Runs.Where(r => r.Error is null).ToList();
        return ok.Count > 0 ? ok : result.Runs;
    }

    /// <summary>Per turn index (1-based, as recorded), the median over runs of <paramref name="value"/>.</summary>
    public static IReadOnlyList<(int Index, double Value)> MedianByTurn(ClientScenarioResult result, Func<Measurement.TurnMeasurement, double> value)
    {
        var series = new List<(int, double)>();
        foreach (var group in RunsForSeries(result).SelectMany(r => r.Turns).GroupBy(t => t.Index).OrderBy(g => g.Key))
        {
            if (Median(group.Select(value)) is { } median)
            {
                series.Add((group.Key, median));
            }
        }

        return series;
    }

    /// <summary>Runs that ended in an error.</summary>
    public static int FailedRuns(ClientScenarioResult result) => result.Runs.Count(r => r.Error is not null);
}
