namespace Tandem.Voice.Realtime;

/// <summary>
/// <c>tandem.session.expiring</c>: the session reaches its duration cap
/// (<see cref="RealtimeClientOptions.MaxSessionDuration"/>, 60 minutes) at <see cref="ExpiresAt"/>.
/// Realtime state lives on the server, so the client will not reconnect by itself: wrap up, or open a
/// new session and seed it with the history that matters.
/// </summary>
public sealed record RealtimeSessionExpiringEvent : RealtimeLocalEvent
{
    public const string EventType = TypePrefix + "session.expiring";

    public RealtimeSessionExpiringEvent()
        : base(EventType)
    {
    }

    public DateTimeOffset ExpiresAt { get; set; }

    public TimeSpan Remaining { get; set; }

    public TimeSpan Cap { get; set; }
}
