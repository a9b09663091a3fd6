using System.Text;
using Tandem.Bench.Results;

namespace Tandem.Bench.Reports;

/// <summary>
/// Which charts a set of results gets, so that <see cref="BenchCharts"/> writes exactly the files that
/// <see cref="MarkdownReport"/> links to: per scenario with at least one recorded turn, its turn latency
/// and bytes sent (<c>&lt;scenario&gt;-turn-latency.png</c>, <c>&lt;scenario&gt;-bytes-sent.png</c>); overall, when
/// any client has a summary, measured against ideal wall time (<c>measured-vs-ideal.png</c>).
/// </summary>
internal static class ChartPlan
{
    public const string MeasuredVsIdealFile = "measured-vs-ideal.png";

    public static IReadOnlyList<PlannedChart> For(BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var charts = new List<PlannedChart>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Path.GetFileNameWithoutExtension(MeasuredVsIdealFile) };
        foreach (var scenario in results.Scenarios)
        {
            if (!scenario.Results.Any(r => r.Runs.Any(run => run.Turns.Count > 0)))
            {
                continue;
            }

            var stem = UniqueStem(FileStem(scenario.Name), used);
            charts.Add(new PlannedChart(ChartKind.TurnLatency, scenario.Name, stem + "-turn-latency.png", $"{scenario.Name}: latency of each turn (median over runs)"));
            charts.Add(new PlannedChart(ChartKind.BytesSent, scenario.Name, stem + "-bytes-sent.png", $"{scenario.Name}: bytes sent in each turn (median over runs)"));
        }

        if (results.Scenarios.Any(s => s.Results.Any(r => r.Summary is not null)))
        {
            var anyIdeal = results.Scenarios.Any(s => s.Results.Any(r => r.Summary?.IdealMsMedian is not null));
            charts.Add(new PlannedChart(
                ChartKind.MeasuredVsIdeal,
                null,
                MeasuredVsIdealFile,
                anyIdeal ? "Median wall time of a run: measured (solid) and ideal (light)" : "Median wall time of a run (no ideal off the local server)"));
        }

        return charts;
    }

    /// <summary>A scenario name as a file name: letters, digits, '.', '_' and '-' kept, anything else '-'.</summary>
    public static string FileStem(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }

        var stem = builder.ToString().Trim('.', '-');
        return stem.Length == 0 ? "scenario" : stem;
    }

    private static string UniqueStem(string stem, HashSet<string> used)
    {
        var candidate = stem;
        for (var i = 2; !used.Add(candidate); i++)
        {
            candidate = stem + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
