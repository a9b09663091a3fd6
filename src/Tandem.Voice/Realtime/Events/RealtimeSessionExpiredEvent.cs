namespace Tandem.Voice.Realtime;

/// <summary>
/// <c>tandem.session.expired</c>: the session reached its duration cap; sends now fail with
/// <see cref="RealtimeSessionExpiredException"/>. The client does not reconnect (the conversation
/// lives on the server and ends with the session).
/// </summary>
public sealed record RealtimeSessionExpiredEvent : RealtimeLocalEvent
{
    public const string EventType = TypePrefix + "session.expired";

    public RealtimeSessionExpiredEvent()
        : base(EventType)
    {
    }

    public DateTimeOffset ExpiredAt { get; set; }

    public TimeSpan Cap { get; set; }
}
