namespace Tandem.Agents.Execution;

/// <summary>One turn's timeline: request sent, response completed, last tool finished.</summary>
public sealed record TurnTiming(int Turn, DateTimeOffset Started, DateTimeOffset ResponseCompleted, DateTimeOffset ToolsFinished, int ToolCalls);
