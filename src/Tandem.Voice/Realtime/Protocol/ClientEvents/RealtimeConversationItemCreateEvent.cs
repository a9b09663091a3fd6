namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>conversation.item.create</c>: Adds an item (history, a message, a function call output) to the conversation.</summary>
public sealed record RealtimeConversationItemCreateEvent : RealtimeClientEvent
{
    public RealtimeConversationItemCreateEvent()
        : base(RealtimeClientEventTypes.ConversationItemCreate)
    {
    }

    /// <summary>Insert after this item (<c>root</c>: at the start); absent: at the end.</summary>
    public string? PreviousItemId { get; set; }

    public RealtimeConversationItem? Item { get; set; }
}
