namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>conversation.item.added</c>: An item was added to the conversation (by <c>conversation.item.create</c>, a commit, or a response starting it; then without content yet).</summary>
public sealed record RealtimeConversationItemAddedEvent : RealtimeServerEvent
{
    public RealtimeConversationItemAddedEvent()
        : base(RealtimeServerEventTypes.ConversationItemAdded)
    {
    }

    /// <summary>The item before it; the server writes <c>null</c> when there is none.</summary>
    public string? PreviousItemId { get; set; }

    public RealtimeConversationItem? Item { get; set; }
}
