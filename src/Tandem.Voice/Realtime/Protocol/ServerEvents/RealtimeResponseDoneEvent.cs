namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.done</c>: A response ended, whatever its status; its output holds every item (without audio bytes).</summary>
public sealed record RealtimeResponseDoneEvent : RealtimeServerEvent
{
    public RealtimeResponseDoneEvent()
        : base(RealtimeServerEventTypes.ResponseDone)
    {
    }

    public RealtimeResponse? Response { get; set; }
}
