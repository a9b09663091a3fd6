namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.created</c>: A response started (status <c>in_progress</c>).</summary>
public sealed record RealtimeResponseCreatedEvent : RealtimeServerEvent
{
    public RealtimeResponseCreatedEvent()
        : base(RealtimeServerEventTypes.ResponseCreated)
    {
    }

    public RealtimeResponse? Response { get; set; }
}
