namespace Tandem.Agents.Execution;

/// <summary>How a run ended.</summary>
public enum AgentRunStatus
{
    /// <summary>The model answered without calling tools.</summary>
    Completed,

    MaxTurnsReached,

    MaxToolCallsReached,

    MaxTokensReached,

    WallTimeExceeded,

    /// <summary>The same call with the same arguments came back too often.</summary>
    LoopDetected,

    /// <summary>A call needs an approval nobody gave yet (see <see cref="AgentEvent"/> ApprovalRequested).</summary>
    AwaitingApproval,

    Failed,
}
