using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using Tandem.Benchmarks.Infrastructure;

namespace Tandem.Benchmarks.Turns;

/// <summary>
/// Memory (bytes and GC collections per turn), client CPU per turn, the median and p95 beside the
/// mean, ratios to each category's raw baseline, and the LOH probe's result.
/// </summary>
public sealed class TurnConfig : ManualConfig
{
    public TurnConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default, new ProcessCpuDiagnoser());
        AddColumn(
            CategoriesColumn.Default,
            StatisticColumn.Median,
            StatisticColumn.P95,
            RatioToBaselineColumn.Median,
            RatioToBaselineColumn.Cpu,
            new LargeObjectHeapColumn());
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
    }
}
