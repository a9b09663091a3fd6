namespace Tandem.Agents.Execution;

/// <summary>What happens in a run, in order, with the time it happened (the runner's <see cref="TimeProvider"/>).</summary>
public abstract record AgentEvent(DateTimeOffset At);

public sealed record TurnStartedEvent(DateTimeOffset At, int Turn, int ItemsSent) : AgentEvent(At);

public sealed record TextDeltaEvent(DateTimeOffset At, int Turn, string Delta) : AgentEvent(At);

/// <summary>A call was dispatched — the moment its <c>output_item.done</c> arrived, before the response ended.</summary>
public sealed record ToolCallStartedEvent(DateTimeOffset At, int Turn, string CallId, string Name, string Arguments) : AgentEvent(At);

public sealed record ToolCallFinishedEvent(DateTimeOffset At, int Turn, ToolOutcome Outcome) : AgentEvent(At);

/// <summary>The model's response of a turn completed (its calls may still be running).</summary>
public sealed record TurnCompletedEvent(DateTimeOffset At, int Turn, string ResponseId, int ToolCalls, Tandem.Responses.Protocol.ResponseUsage? Usage = null) : AgentEvent(At);

/// <summary>The chain lost its server-side state and replayed the full context (healed, not failed).</summary>
public sealed record ChainReplayedAgentEvent(DateTimeOffset At, int Turn, string Reason) : AgentEvent(At);

public sealed record RunFinishedEvent(DateTimeOffset At, AgentRunResult Result) : AgentEvent(At);

/// <summary>A call needs an approval (a high-risk tool, by policy or because the run is tainted); it has not run.</summary>
public sealed record ApprovalRequestedEvent(DateTimeOffset At, int Turn, Policy.ApprovalRequest Request) : AgentEvent(At);

/// <summary>The turn broke off mid-stream and runs again (every call it had started was replay-safe); discard its partial output.</summary>
public sealed record TurnRetriedEvent(DateTimeOffset At, int Turn, string Reason) : AgentEvent(At);

/// <summary>
/// The run's context was compacted: by the server (<c>context_management</c>; a compaction item now
/// stands for everything before it) or by the runner (a summary; the chain restarted from it).
/// </summary>
public sealed record ContextCompactedEvent(DateTimeOffset At, int Turn, Context.CompactionMode By, long InputTokensBefore) : AgentEvent(At);
