namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>conversation.item.truncate</c>: Cuts an assistant audio message at what the user actually heard.</summary>
public sealed record RealtimeConversationItemTruncateEvent : RealtimeClientEvent
{
    public RealtimeConversationItemTruncateEvent()
        : base(RealtimeClientEventTypes.ConversationItemTruncate)
    {
    }

    public string ItemId { get; set; } = string.Empty;

    public int ContentIndex { get; set; }

    public int AudioEndMs { get; set; }
}
