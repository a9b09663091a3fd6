using Tandem.Bench.Results;

namespace Tandem.Bench.Reports;

/// <summary>
/// The bench's Markdown report: the command, date, machine, target (every figure of the latency profile,
/// or the real endpoint and model) and settings; per scenario a table with a row per client; what the
/// numbers mean; the errors with their messages; and the charts of <see cref="BenchCharts"/>.
/// </summary>
public static class MarkdownReport
{
    /// <summary>
    /// The report of <paramref name="results"/>. <paramref name="chartsRelativeDir"/> is where
    /// <see cref="BenchCharts.Write"/> put the charts, relative to the report's own folder
    /// (<c>""</c> or <c>"."</c> for the same folder); <see langword="null"/> leaves the charts out.
    /// </summary>
    public static string Write(BenchResults results, string? chartsRelativeDir)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new MarkdownReportWriter(results, chartsRelativeDir).Write();
    }
}
