using System.Globalization;

namespace Tandem.Benchmarks.Agents;

/// <summary>
/// Where a client's wall time goes, round by round, next to the ideal of its scheduling: median model
/// time (request sent → response completed) and median tool tail (response completed → next request).
/// This is what says why a client is or is not at its floor.
/// </summary>
public static class TimingReport
{
    public const string Prefix = "// early-dispatch-rounds";

    public static IEnumerable<string> Describe(string client, ClientShapeAttribute shape, IReadOnlyList<FanOutRun> runs)
    {
        var ideal = FanOutEstimates.FloorFor(shape);
        var complete = runs.Where(r => r.Calls.Count == ideal.Rounds.Count).ToList();
        if (complete.Count == 0)
        {
            yield return $"{Prefix} client={client}: no complete run recorded";
            yield break;
        }

        yield return string.Create(CultureInfo.InvariantCulture, $"{Prefix} client={client} runs={complete.Count} wall median {Median(complete.Select(r => r.WallMs)):0.0} ms, ideal {ideal.TotalMs:0.0} ms ({shape.Scheduling}, {(shape.OverHttp ? "HTTP" : "WS")})");
        yield return string.Create(CultureInfo.InvariantCulture, $"{Prefix}   before the first request: {Median(complete.Select(r => r.Calls[0].StartMs)):0.0} ms; after the last response: {Median(complete.Select(r => r.WallMs - r.Calls[^1].CompletedMs)):0.0} ms");
        for (var i = 0; i < ideal.Rounds.Count; i++)
        {
            var round = ideal.Rounds[i];
            var model = Median(complete.Select(r => r.Calls[i].CompletedMs - r.Calls[i].StartMs));
            var text = string.Create(CultureInfo.InvariantCulture, $"{Prefix}   round {round.Turn}: model {model:0.0} ms (ideal {round.ModelMs:0.0})");
            if (i + 1 < ideal.Rounds.Count)
            {
                var tail = Median(complete.Select(r => r.Calls[i + 1].StartMs - r.Calls[i].CompletedMs));
                text += string.Create(CultureInfo.InvariantCulture, $", completed → next request {tail:0.0} ms (ideal {round.ToolTailMs:0.0})");
            }

            yield return text;
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
