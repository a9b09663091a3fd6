namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>conversation.item.delete</c>: Removes an item from the conversation.</summary>
public sealed record RealtimeConversationItemDeleteEvent : RealtimeClientEvent
{
    public RealtimeConversationItemDeleteEvent()
        : base(RealtimeClientEventTypes.ConversationItemDelete)
    {
    }

    public string ItemId { get; set; } = string.Empty;
}
