namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>session.updated</c>: The answer to <c>session.update</c>: the whole effective configuration.</summary>
public sealed record RealtimeSessionUpdatedEvent : RealtimeServerEvent
{
    public RealtimeSessionUpdatedEvent()
        : base(RealtimeServerEventTypes.SessionUpdated)
    {
    }

    public RealtimeSessionConfig? Session { get; set; }
}
