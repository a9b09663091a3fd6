using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Tandem.Benchmarks.Parsing;

/// <summary>Adds events per second (one operation is one event) and the median beside the mean.</summary>
public sealed class ParsingConfig : ManualConfig
{
    public ParsingConfig()
    {
        AddColumn(StatisticColumn.Median, StatisticColumn.OperationsPerSecond);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByParams, BenchmarkLogicalGroupRule.ByCategory);
    }
}
