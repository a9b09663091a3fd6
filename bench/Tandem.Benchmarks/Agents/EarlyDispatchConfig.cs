using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Order;

namespace Tandem.Benchmarks.Agents;

/// <summary>
/// Wall time only (median, min, max beside the mean) and the critical-path columns. No memory or CPU
/// diagnoser: the server shares the benchmark process here (see <see cref="FanOutServer"/>), so
/// those figures would not be the client's. Benchmarks stay in declared order.
/// </summary>
public sealed class EarlyDispatchConfig : ManualConfig
{
    public EarlyDispatchConfig()
    {
        AddColumn(
            StatisticColumn.Median,
            StatisticColumn.Min,
            StatisticColumn.Max,
            EarlyDispatchColumn.Transport,
            EarlyDispatchColumn.CriticalPathMs,
            EarlyDispatchColumn.MedianOverCriticalPath,
            EarlyDispatchColumn.FloorMs,
            EarlyDispatchColumn.MedianOverFloor,
            EarlyDispatchColumn.MedianOverTandemWs);
        Orderer = new DefaultOrderer(SummaryOrderPolicy.Declared, MethodOrderPolicy.Declared);
    }
}
