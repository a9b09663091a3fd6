using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Tandem.Benchmarks.Infrastructure;

/// <summary>
/// LOH bytes per turn and gen2 collections per turn, from the probe each turn benchmark runs
/// before its measurement (<see cref="LargeObjectHeapProbe"/>): the "no LOH per turn" target.
/// </summary>
public sealed class LargeObjectHeapColumn : IColumn
{
    public string Id => "LohPerTurn";

    public string ColumnName => "LOH/op (gen2/op)";

    public string Legend => "Large-object-heap bytes per turn, from GC allocation ticks over 32 probe turns before the measurement (±3 KB), and gen2 collections per turn over the same turns (target: 0 B)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Metric;

    public int PriorityInCategory => 100;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary.HasReport(benchmarkCase) ? summary[benchmarkCase] : null;
        if (ProbeLine.Number(report, "loh-bytes-per-turn") is not { } bytes)
        {
            return "?";
        }

        var gen2 = ProbeLine.Number(report, "gen2-per-turn") ?? 0;
        var size = bytes >= 1024 ? (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KB" : bytes.ToString("0", CultureInfo.InvariantCulture) + " B";
        return $"{size} ({gen2.ToString("0.###", CultureInfo.InvariantCulture)})";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
