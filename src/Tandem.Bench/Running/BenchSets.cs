namespace Tandem.Bench.Running;

/// <summary>The scenario sets: the full bench, and the quick one that runs in under a minute for CI.</summary>
public static class BenchSets
{
    public static IReadOnlyList<string> Full { get; } = ["chain-25", "fanout-8x4", "mixed-30", "long-context", "long-horizon-60"];

    public static IReadOnlyList<string> Quick { get; } = ["chain-25", "fanout-8x4"];
}
