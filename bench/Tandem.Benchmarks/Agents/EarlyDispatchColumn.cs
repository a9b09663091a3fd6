using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Tandem.Benchmarks.Agents;

/// <summary>
/// The early-dispatch summary's own columns: each client's median against the critical path of its
/// transport, against the floor of its own tool scheduling, and against Tandem over WebSocket.
/// (BenchmarkDotNet's Ratio is a mean of per-iteration ratios; the target is about medians.)
/// </summary>
public sealed class EarlyDispatchColumn(string id, string columnName, string legend, Func<Summary, BenchmarkCase, ClientShapeAttribute, string> value) : IColumn
{
    public static readonly EarlyDispatchColumn Transport = new("EdTransport", "Transport", "WS: WebSocket mode; HTTP: HTTP+SSE (pays the profile's HTTP overhead per request)",
        (_, _, shape) => shape.OverHttp ? "HTTP" : "WS");

    public static readonly EarlyDispatchColumn CriticalPathMs = new("EdCriticalPath", "Critical path", "Ideal wall time with early dispatch on this transport (CriticalPath.cs), ms",
        (_, _, shape) => Ms(FanOutEstimates.CriticalPathFor(shape).TotalMs));

    public static readonly EarlyDispatchColumn MedianOverCriticalPath = new("EdMedianOverCp", "Median / CP", "Median wall time / critical path (issue 4 target for Tandem: ≤ 1.10)",
        (summary, benchmarkCase, shape) => Ratio(Median(summary, benchmarkCase), FanOutEstimates.CriticalPathFor(shape).TotalMs));

    public static readonly EarlyDispatchColumn FloorMs = new("EdFloor", "Floor of its scheduling", "Ideal wall time for this client's way of running tools (after completion: + max or + sum of latencies), ms",
        (_, _, shape) => Ms(FanOutEstimates.FloorFor(shape).TotalMs));

    public static readonly EarlyDispatchColumn MedianOverFloor = new("EdMedianOverFloor", "Median / floor", "Median wall time / the floor of its scheduling: the client's own overhead",
        (summary, benchmarkCase, shape) => Ratio(Median(summary, benchmarkCase), FanOutEstimates.FloorFor(shape).TotalMs));

    public static readonly EarlyDispatchColumn MedianOverTandemWs = new("EdMedianOverTandemWs", "Median / Tandem WS", "Median wall time / Tandem AgentRunner over WebSocket's median",
        (summary, benchmarkCase, _) => Ratio(Median(summary, benchmarkCase),
            summary.BenchmarksCases.FirstOrDefault(c => c.Descriptor.WorkloadMethod.Name == nameof(EarlyDispatchBenchmarks.TandemWebSocket)) is { } ws ? Median(summary, ws) : null));

    public string Id { get; } = id;

    public string ColumnName { get; } = columnName;

    public string Legend { get; } = legend;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        FanOutEstimates.ShapeOf(benchmarkCase) is { } shape ? value(summary, benchmarkCase, shape) : "-";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    /// <summary>The median in ms (BenchmarkDotNet's statistics are in ns).</summary>
    private static double? Median(Summary summary, BenchmarkCase benchmarkCase) =>
        summary.HasReport(benchmarkCase) && summary[benchmarkCase]?.ResultStatistics is { } stats ? stats.Median / 1e6 : null;

    private static string Ms(double ms) => ms.ToString("N0", CultureInfo.InvariantCulture) + " ms";

    private static string Ratio(double? a, double? b) =>
        a is { } x && b is { } y && y > 0 ? (x / y).ToString("0.000", CultureInfo.InvariantCulture) : "?";
}
