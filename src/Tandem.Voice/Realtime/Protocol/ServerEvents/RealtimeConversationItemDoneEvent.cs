namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>conversation.item.done</c>: An item is final (full content except audio bytes).</summary>
public sealed record RealtimeConversationItemDoneEvent : RealtimeServerEvent
{
    public RealtimeConversationItemDoneEvent()
        : base(RealtimeServerEventTypes.ConversationItemDone)
    {
    }

    /// <summary>The item before it; the server writes <c>null</c> when there is none.</summary>
    public string? PreviousItemId { get; set; }

    public RealtimeConversationItem? Item { get; set; }
}
