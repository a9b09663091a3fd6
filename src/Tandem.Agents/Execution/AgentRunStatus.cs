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

    Failed,
}
