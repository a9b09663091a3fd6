namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>conversation.item.retrieve</c>: Asks for the server's copy of an item, audio included.</summary>
public sealed record RealtimeConversationItemRetrieveEvent : RealtimeClientEvent
{
    public RealtimeConversationItemRetrieveEvent()
        : base(RealtimeClientEventTypes.ConversationItemRetrieve)
    {
    }

    public string ItemId { get; set; } = string.Empty;
}
