using Tandem.Bench.Results;

namespace Tandem.Bench.Running;

/// <summary>Turns a client's runs of a scenario into its summary, and relates clients to the HTTP-chained baseline.</summary>
internal static class Summaries
{
    public const string Baseline = "tandem-http";

    public static ResultSummary Of(ClientScenarioResult result, string transport, ModelPrice? price)
    {
        var ok = result.Runs.Where(r => r.Error is null).ToList();
        var runs = ok.Count > 0 ? ok : result.Runs;
        var turns = runs.SelectMany(r => r.Turns).ToList();
        var ideals = runs.Where(r => r.IdealMs is not null).ToList();
        var summary = new ResultSummary
        {
            Runs = result.Runs.Count,
            Errors = result.Runs.Count - ok.Count,
            WallMsMedian = Stats.Median(runs.Select(r => r.WallMs)),
            WallMsP95 = Stats.Percentile(runs.Select(r => r.WallMs), 0.95),
            TurnMsMedian = Stats.Median(turns.Select(t => t.CompletedMs)),
            TurnMsP95 = Stats.Percentile(turns.Select(t => t.CompletedMs), 0.95),
            FirstOutputMsMedian = turns.Any(t => t.FirstOutputMs is not null) ? Stats.Median(turns.Where(t => t.FirstOutputMs is not null).Select(t => t.FirstOutputMs!.Value)) : null,
            BytesSentMedian = Stats.Median(runs.Select(r => (double)r.Turns.Sum(t => t.BytesSent))),
            BytesReceivedMedian = Stats.Median(runs.Select(r => (double)r.Turns.Sum(t => t.BytesReceived))),
            InputTokensMedian = Stats.Median(runs.Select(r => (double)r.Turns.Sum(t => t.InputTokens))),
            CachedTokensMedian = Stats.Median(runs.Select(r => (double)r.Turns.Sum(t => t.CachedTokens))),
            OutputTokensMedian = Stats.Median(runs.Select(r => (double)r.Turns.Sum(t => t.OutputTokens))),
            ExtraConnections = result.Runs.Sum(r => r.ExtraConnections),
            Replays = result.Runs.Sum(r => r.Replays),
            Retries = result.Runs.Sum(r => r.Retries),
        };

        if (ideals.Count > 0)
        {
            summary.IdealMsMedian = Stats.Median(ideals.Select(r => r.IdealMs!.Value));
            summary.OverIdealMsMedian = Stats.Median(ideals.Select(r => r.WallMs - r.IdealMs!.Value));
            var turnsPerRun = (int)Math.Round(ideals.Average(r => r.Turns.Count));
            summary.AllowanceMs = IdealTime.Allowance(transport, summary.IdealMsMedian.Value, turnsPerRun);
            summary.WithinAllowance = summary.OverIdealMsMedian <= summary.AllowanceMs;
        }

        if (price is not null)
        {
            summary.CostUsdMedian = price.Cost(summary.InputTokensMedian, summary.CachedTokensMedian, summary.OutputTokensMedian);
        }

        // Flat over WebSocket (only new items go out), growing when the history is resent.
        var growth = runs.Where(r => r.Turns.Count >= 3).Select(r => (double)r.Turns[^1].BytesSent / Math.Max(1, r.Turns[1].BytesSent)).ToList();
        summary.BytesSentGrowth = growth.Count > 0 ? Stats.Median(growth) : null;
        return summary;
    }

    public static void RelateToBaseline(ScenarioResult scenario)
    {
        var baseline = scenario.Results.FirstOrDefault(r => r.Client == Baseline)?.Summary?.WallMsMedian;
        foreach (var result in scenario.Results)
        {
            if (result.Summary is { } s && baseline is > 0)
            {
                s.RatioToHttpChained = s.WallMsMedian / baseline.Value;
            }
        }
    }
}
