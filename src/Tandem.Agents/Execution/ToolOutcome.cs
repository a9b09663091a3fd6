using Tandem.Agents.Tools;

namespace Tandem.Agents.Execution;

/// <summary>How a call ended: its result, when it ran, and whether the tool body ran at all.</summary>
public sealed record ToolOutcome(string CallId, string Name, ToolResult Result, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, bool Ran, bool FromStore);
