namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>token_limits</c> of a retention-ratio truncation.</summary>
public sealed record RealtimeTokenLimits : RealtimeWireObject
{
    public int? PostInstructions { get; set; }
}
