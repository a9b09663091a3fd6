namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.content_part.added</c>: A content part (<c>text</c> or <c>audio</c>) began.</summary>
public sealed record RealtimeResponseContentPartAddedEvent : RealtimeResponseContentEvent
{
    public RealtimeResponseContentPartAddedEvent()
        : base(RealtimeServerEventTypes.ResponseContentPartAdded)
    {
    }

    public RealtimeContentPart? Part { get; set; }
}
