namespace Tandem.Benchmarks.Agents;

/// <summary>One model request of a run, in ms from the run's start: sent, and its response completed.</summary>
public readonly record struct ModelCallTiming(double StartMs, double CompletedMs);
