namespace Tandem.Voice.Fallbacks;

/// <summary>How collecting one value ended.</summary>
/// <param name="Accepted">Whether the agent accepted a value (false: it gave up).</param>
/// <param name="Value">The accepted value, canonical as the policy left it; null when none was accepted.</param>
/// <param name="CallerTurns">Caller turns spent, the first attempt, re-asks, parts and confirmations included.</param>
/// <param name="Attempts">Every candidate the caller produced, in order (the first attempt first).</param>
/// <param name="Trace">What each check and re-ask did.</param>
/// <param name="GaveUpReason">Why no value was accepted, when none was.</param>
public sealed record CaptureOutcome(
    bool Accepted,
    string? Value,
    int CallerTurns,
    IReadOnlyList<CaptureAttempt> Attempts,
    IReadOnlyList<string> Trace,
    string? GaveUpReason);
