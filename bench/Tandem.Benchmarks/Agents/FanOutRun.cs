namespace Tandem.Benchmarks.Agents;

/// <summary>One whole run of the scenario as a client saw it: wall time and each model request's timing.</summary>
public sealed record FanOutRun(double WallMs, IReadOnlyList<ModelCallTiming> Calls);
