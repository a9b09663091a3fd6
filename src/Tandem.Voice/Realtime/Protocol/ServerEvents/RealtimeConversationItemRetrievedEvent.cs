namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>conversation.item.retrieved</c>: The answer to <c>conversation.item.retrieve</c>: the item with its audio.</summary>
public sealed record RealtimeConversationItemRetrievedEvent : RealtimeServerEvent
{
    public RealtimeConversationItemRetrievedEvent()
        : base(RealtimeServerEventTypes.ConversationItemRetrieved)
    {
    }

    public RealtimeConversationItem? Item { get; set; }
}
