namespace Tandem.Voice.Realtime.Protocol;

/// <summary>One entry of <c>rate_limits.updated</c>: <c>requests</c> or <c>tokens</c>.</summary>
public sealed record RealtimeRateLimit : RealtimeWireObject
{
    public string? Name { get; set; }

    public long? Limit { get; set; }

    public long? Remaining { get; set; }

    public double? ResetSeconds { get; set; }
}
