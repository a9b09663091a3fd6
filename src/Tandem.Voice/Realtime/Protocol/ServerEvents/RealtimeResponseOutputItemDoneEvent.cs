namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.output_item.done</c>: An output item is done (also when the response was interrupted).</summary>
public sealed record RealtimeResponseOutputItemDoneEvent : RealtimeServerEvent
{
    public RealtimeResponseOutputItemDoneEvent()
        : base(RealtimeServerEventTypes.ResponseOutputItemDone)
    {
    }

    public string ResponseId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public RealtimeConversationItem? Item { get; set; }
}
