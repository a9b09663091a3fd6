using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;

namespace Tandem.Benchmarks.Infrastructure;

/// <summary>A CPU-time-per-operation metric (nanoseconds; BenchmarkDotNet picks the display unit).</summary>
public sealed class CpuMetric(string id, string displayName, string legend, int priority) : IMetricDescriptor
{
    /// <summary>CPU of the benchmark process: the client under test.</summary>
    public static readonly CpuMetric Client = new(
        "ClientCpu",
        "CPU/op",
        "CPU time (user+system, all threads) of the benchmark process per operation over the actual iterations: the client's cost",
        -20);

    /// <summary>CPU of the host process, where the local server runs.</summary>
    public static readonly CpuMetric Server = new(
        "ServerCpu",
        "Server CPU/op",
        "CPU time of the BenchmarkDotNet host process (the local server) per operation over the same iterations",
        -19);

    public string Id { get; } = id;

    public string DisplayName { get; } = displayName;

    public string Legend { get; } = legend;

    public string NumberFormat => "N1";

    public UnitType UnitType => UnitType.Time;

    public string Unit => "ns";

    public bool TheGreaterTheBetter => false;

    /// <summary>Negative: before BenchmarkDotNet's GC columns, next to the timings.</summary>
    public int PriorityInCategory { get; } = priority;

    public bool GetIsAvailable(Metric metric) => true;
}
