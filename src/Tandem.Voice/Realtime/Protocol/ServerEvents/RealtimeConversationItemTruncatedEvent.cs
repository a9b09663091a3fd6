namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>conversation.item.truncated</c>: The answer to <c>conversation.item.truncate</c>: the assistant audio (and its transcript) was cut at <see cref="AudioEndMs"/>.</summary>
public sealed record RealtimeConversationItemTruncatedEvent : RealtimeServerEvent
{
    public RealtimeConversationItemTruncatedEvent()
        : base(RealtimeServerEventTypes.ConversationItemTruncated)
    {
    }

    public string ItemId { get; set; } = string.Empty;

    public int ContentIndex { get; set; }

    public int AudioEndMs { get; set; }
}
