using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Tandem.Benchmarks.Infrastructure;

/// <summary>
/// A figure of a benchmark divided by the same figure of its category's baseline (the raw client).
/// BenchmarkDotNet's own Ratio is the mean of per-iteration ratios; the targets are stated on
/// medians and on CPU, which it does not divide.
/// </summary>
public sealed class RatioToBaselineColumn(string id, string columnName, string legend, Func<BenchmarkReport, double?> figure) : IColumn
{
    public static readonly RatioToBaselineColumn Median = new(
        "MedianRatio",
        "Median Ratio",
        "Median latency / the baseline's median latency (target for Tandem: ≤ 1.30)",
        r => r.ResultStatistics?.Median);

    public static readonly RatioToBaselineColumn Cpu = new(
        "CpuRatio",
        "CPU Ratio",
        "CPU/op / the baseline's CPU/op (target for Tandem: ≤ 1.30)",
        r => r.Metrics.TryGetValue(CpuMetric.Client.Id, out var m) ? m.Value : null);

    public string Id { get; } = id;

    public string ColumnName { get; } = columnName;

    public string Legend { get; } = legend;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Baseline;

    public int PriorityInCategory => 10;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        if (baseline is null || !summary.HasReport(benchmarkCase) || !summary.HasReport(baseline))
        {
            return "?";
        }

        var mine = summary[benchmarkCase] is { } report ? figure(report) : null;
        var theirs = summary[baseline] is { } baselineReport ? figure(baselineReport) : null;
        return mine is { } a && theirs is { } b && b > 0 ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) : "?";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.HasBaselines();
}
