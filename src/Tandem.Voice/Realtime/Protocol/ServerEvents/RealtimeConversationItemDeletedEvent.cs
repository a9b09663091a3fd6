namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>conversation.item.deleted</c>: The answer to <c>conversation.item.delete</c>.</summary>
public sealed record RealtimeConversationItemDeletedEvent : RealtimeServerEvent
{
    public RealtimeConversationItemDeletedEvent()
        : base(RealtimeServerEventTypes.ConversationItemDeleted)
    {
    }

    public string ItemId { get; set; } = string.Empty;
}
