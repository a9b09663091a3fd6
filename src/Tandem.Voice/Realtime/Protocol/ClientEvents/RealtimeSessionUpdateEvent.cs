namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>session.update</c>: Changes the session's configuration; only the fields set change (the server answers <c>session.updated</c>).</summary>
public sealed record RealtimeSessionUpdateEvent : RealtimeClientEvent
{
    public RealtimeSessionUpdateEvent()
        : base(RealtimeClientEventTypes.SessionUpdate)
    {
    }

    public RealtimeSessionConfig? Session { get; set; }
}
