namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.content_part.done</c>: A content part is done.</summary>
public sealed record RealtimeResponseContentPartDoneEvent : RealtimeResponseContentEvent
{
    public RealtimeResponseContentPartDoneEvent()
        : base(RealtimeServerEventTypes.ResponseContentPartDone)
    {
    }

    public RealtimeContentPart? Part { get; set; }
}
