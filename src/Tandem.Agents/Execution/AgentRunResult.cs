using Tandem.Responses.Protocol;

namespace Tandem.Agents.Execution;

/// <summary>The end of a run: why it stopped, the final answer, usage and per-turn timings.</summary>
public sealed record AgentRunResult(
    string RunId,
    AgentRunStatus Status,
    string Output,
    string? Reason,
    long InputTokens,
    long CachedTokens,
    long OutputTokens,
    int ToolCalls,
    int Replays,
    IReadOnlyList<TurnTiming> Turns,
    ResponseObject? LastResponse);
