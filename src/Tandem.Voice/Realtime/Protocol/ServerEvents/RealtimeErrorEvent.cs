namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>error</c>: An error; most leave the session open. <see cref="RealtimeErrorDetail.EventId"/> names the client event that caused it.</summary>
public sealed record RealtimeErrorEvent : RealtimeServerEvent
{
    public RealtimeErrorEvent()
        : base(RealtimeServerEventTypes.Error)
    {
    }

    public RealtimeErrorDetail? Error { get; set; }
}
