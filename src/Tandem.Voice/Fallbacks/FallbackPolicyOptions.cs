namespace Tandem.Voice.Fallbacks;

/// <summary>Limits of a fallback policy.</summary>
public sealed class FallbackPolicyOptions
{
    /// <summary>Caller turns after which the agent gives up (a human hand-off in a real deployment). Default 6.</summary>
    public int MaxCallerTurns { get; init; } = 6;

    /// <summary>Plain re-asks ("say that again") before the next rung of the ladder. Default 1.</summary>
    public int Repeats { get; init; } = 1;
}
