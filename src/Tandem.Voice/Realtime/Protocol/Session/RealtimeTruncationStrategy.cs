namespace Tandem.Voice.Realtime.Protocol;

/// <summary>The object form of <c>truncation</c>: <c>retention_ratio</c> with optional token limits.</summary>
public sealed record RealtimeTruncationStrategy : RealtimeWireObject
{
    public string? Type { get; set; }

    public double? RetentionRatio { get; set; }

    public RealtimeTokenLimits? TokenLimits { get; set; }
}
