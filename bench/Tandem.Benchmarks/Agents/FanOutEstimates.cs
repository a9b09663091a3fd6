using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Running;

namespace Tandem.Benchmarks.Agents;

/// <summary>The ideal timelines of the fan-out scenario, computed once per process (host and benchmark processes alike).</summary>
public static class FanOutEstimates
{
    private static readonly Lazy<(Server.Backends.Scenario Scenario, Server.Operations.LatencyProfile Profile)> Inputs =
        new(() => (FanOutScenario.LoadScenario(), FanOutScenario.LoadProfile()));

    private static readonly ConcurrentDictionary<(bool, ToolScheduling), CriticalPathEstimate> Cache = new();

    public static CriticalPathEstimate Get(bool overHttp, ToolScheduling scheduling) =>
        Cache.GetOrAdd((overHttp, scheduling), key => CriticalPath.Compute(Inputs.Value.Scenario, Inputs.Value.Profile, key.Item1, key.Item2));

    /// <summary>The critical path (early dispatch) on the transport of <paramref name="shape"/>.</summary>
    public static CriticalPathEstimate CriticalPathFor(ClientShapeAttribute shape) => Get(shape.OverHttp, ToolScheduling.EarlyDispatch);

    /// <summary>The ideal of the client's own scheduling on its transport.</summary>
    public static CriticalPathEstimate FloorFor(ClientShapeAttribute shape) => Get(shape.OverHttp, shape.Scheduling);

    public static ClientShapeAttribute? ShapeOf(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<ClientShapeAttribute>();

    /// <summary>Every estimate, round by round, for the log: the figures the summary's columns divide by.</summary>
    public static IEnumerable<string> Describe()
    {
        var profile = Inputs.Value.Profile;
        yield return string.Create(CultureInfo.InvariantCulture,
            $"// early-dispatch profile '{profile.Name}': request {profile.RequestOverheadMs} ms, +HTTP {profile.HttpRequestOverheadMs} ms, TTFT {profile.TimeToFirstTokenMs} ms, {profile.DecodeTokensPerSecond} tokens/s, load/render 0");
        foreach (var overHttp in new[] { false, true })
        {
            foreach (var scheduling in Enum.GetValues<ToolScheduling>())
            {
                var e = Get(overHttp, scheduling);
                var rounds = string.Join("; ", e.Rounds.Select(r => string.Create(CultureInfo.InvariantCulture,
                    $"r{r.Turn} start {r.StartMs:0.0} completed {r.CompletedMs:0.0} tools {(r.ToolsDoneMs is { } t ? t.ToString("0.0", CultureInfo.InvariantCulture) : "-")}")));
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"// early-dispatch ideal {(overHttp ? "HTTP" : "WS")} {scheduling}: {e.TotalMs:0.0} ms ({rounds})");
            }
        }
    }
}
