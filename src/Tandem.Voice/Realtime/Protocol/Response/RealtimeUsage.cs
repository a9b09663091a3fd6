namespace Tandem.Voice.Realtime.Protocol;

/// <summary>A response's <c>usage</c> (billing): totals and their text/audio/image/cached split.</summary>
public sealed record RealtimeUsage : RealtimeWireObject
{
    public int? TotalTokens { get; set; }

    public int? InputTokens { get; set; }

    public int? OutputTokens { get; set; }

    public RealtimeTokenDetails? InputTokenDetails { get; set; }

    public RealtimeTokenDetails? OutputTokenDetails { get; set; }
}
