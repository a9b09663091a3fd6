namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>rate_limits.updated</c>: The rate limits, with the response's output tokens reserved (adjusted when it ends).</summary>
public sealed record RealtimeRateLimitsUpdatedEvent : RealtimeServerEvent
{
    public RealtimeRateLimitsUpdatedEvent()
        : base(RealtimeServerEventTypes.RateLimitsUpdated)
    {
    }

    public List<RealtimeRateLimit>? RateLimits { get; set; }
}
