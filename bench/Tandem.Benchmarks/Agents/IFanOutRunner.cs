namespace Tandem.Benchmarks.Agents;

/// <summary>A client that runs the whole fan-out scenario, tools included, once per call.</summary>
public interface IFanOutRunner : IAsyncDisposable
{
    /// <summary>Every run so far (the benchmark prints their round-by-round medians at the end).</summary>
    IReadOnlyList<FanOutRun> Runs { get; }

    /// <summary>Runs the scenario to its final answer; throws if the run did not complete it (the server checks every tool output).</summary>
    Task<int> RunAsync();
}
