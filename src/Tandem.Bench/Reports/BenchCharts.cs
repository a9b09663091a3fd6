using Tandem.Bench.Results;

namespace Tandem.Bench.Reports;

/// <summary>
/// The bench's PNG charts (ScottPlot, headless): per scenario, turn latency and bytes sent by turn index,
/// one line per client (<c>&lt;scenario&gt;-turn-latency.png</c>, <c>&lt;scenario&gt;-bytes-sent.png</c>); overall,
/// measured against ideal median wall time per scenario and client (<c>measured-vs-ideal.png</c>).
/// </summary>
public static class BenchCharts
{
    /// <summary>Writes the charts of <paramref name="results"/> into <paramref name="directory"/> (created if missing); returns the paths written.</summary>
    public static IReadOnlyList<string> Write(BenchResults results, string directory)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var renderer = new ChartRenderer(results);
        var written = new List<string>();
        foreach (var chart in ChartPlan.For(results))
        {
            var path = Path.Combine(directory, chart.FileName);
            renderer.Render(chart, path);
            written.Add(path);
        }

        return written;
    }
}
