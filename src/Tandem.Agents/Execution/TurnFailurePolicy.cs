namespace Tandem.Agents.Execution;

/// <summary>What a run does when a turn's stream breaks off after it started streaming (and dispatching calls).</summary>
public enum TurnFailurePolicy
{
    /// <summary>Run the turn once more when every call it had started is replay-safe; otherwise fail the run.</summary>
    RetryWhenReplaySafe,

    /// <summary>Fail the run.</summary>
    Fail,
}
