namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>session.created</c>: The first event of a connection: the session and its default configuration.</summary>
public sealed record RealtimeSessionCreatedEvent : RealtimeServerEvent
{
    public RealtimeSessionCreatedEvent()
        : base(RealtimeServerEventTypes.SessionCreated)
    {
    }

    public RealtimeSessionConfig? Session { get; set; }
}
