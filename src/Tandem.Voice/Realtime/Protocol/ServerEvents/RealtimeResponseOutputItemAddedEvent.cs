namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.output_item.added</c>: A response began an output item.</summary>
public sealed record RealtimeResponseOutputItemAddedEvent : RealtimeServerEvent
{
    public RealtimeResponseOutputItemAddedEvent()
        : base(RealtimeServerEventTypes.ResponseOutputItemAdded)
    {
    }

    public string ResponseId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public RealtimeConversationItem? Item { get; set; }
}
