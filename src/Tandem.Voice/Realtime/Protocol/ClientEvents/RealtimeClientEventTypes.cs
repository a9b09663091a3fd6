using System.Collections.Frozen;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>The <c>type</c> of every GA client event (any other type reads as <see cref="RealtimeUnknownClientEvent"/>).</summary>
public static class RealtimeClientEventTypes
{
    public const string SessionUpdate = "session.update";
    public const string InputAudioBufferAppend = "input_audio_buffer.append";
    public const string InputAudioBufferCommit = "input_audio_buffer.commit";
    public const string InputAudioBufferClear = "input_audio_buffer.clear";
    public const string ConversationItemCreate = "conversation.item.create";
    public const string ConversationItemRetrieve = "conversation.item.retrieve";
    public const string ConversationItemTruncate = "conversation.item.truncate";
    public const string ConversationItemDelete = "conversation.item.delete";
    public const string ResponseCreate = "response.create";
    public const string ResponseCancel = "response.cancel";
    public const string OutputAudioBufferClear = "output_audio_buffer.clear";

    /// <summary>Every type above, with the class it reads as.</summary>
    internal static readonly IReadOnlyDictionary<string, Type> Classes = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [SessionUpdate] = typeof(RealtimeSessionUpdateEvent),
        [InputAudioBufferAppend] = typeof(RealtimeInputAudioBufferAppendEvent),
        [InputAudioBufferCommit] = typeof(RealtimeInputAudioBufferCommitEvent),
        [InputAudioBufferClear] = typeof(RealtimeInputAudioBufferClearEvent),
        [ConversationItemCreate] = typeof(RealtimeConversationItemCreateEvent),
        [ConversationItemRetrieve] = typeof(RealtimeConversationItemRetrieveEvent),
        [ConversationItemTruncate] = typeof(RealtimeConversationItemTruncateEvent),
        [ConversationItemDelete] = typeof(RealtimeConversationItemDeleteEvent),
        [ResponseCreate] = typeof(RealtimeResponseCreateEvent),
        [ResponseCancel] = typeof(RealtimeResponseCancelEvent),
        [OutputAudioBufferClear] = typeof(RealtimeOutputAudioBufferClearEvent),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
