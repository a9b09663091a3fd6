using System.Collections.Frozen;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>The <c>type</c> of every GA server event Tandem models (any other type reads as <see cref="RealtimeUnknownServerEvent"/>).</summary>
public static class RealtimeServerEventTypes
{
    public const string SessionCreated = "session.created";
    public const string SessionUpdated = "session.updated";
    public const string ConversationItemAdded = "conversation.item.added";
    public const string ConversationItemDone = "conversation.item.done";
    public const string ConversationItemRetrieved = "conversation.item.retrieved";
    public const string ConversationItemTruncated = "conversation.item.truncated";
    public const string ConversationItemDeleted = "conversation.item.deleted";
    public const string InputAudioTranscriptionDelta = "conversation.item.input_audio_transcription.delta";
    public const string InputAudioTranscriptionCompleted = "conversation.item.input_audio_transcription.completed";
    public const string InputAudioTranscriptionFailed = "conversation.item.input_audio_transcription.failed";
    public const string InputAudioTranscriptionSegment = "conversation.item.input_audio_transcription.segment";
    public const string InputAudioBufferCommitted = "input_audio_buffer.committed";
    public const string InputAudioBufferCleared = "input_audio_buffer.cleared";
    public const string InputAudioBufferSpeechStarted = "input_audio_buffer.speech_started";
    public const string InputAudioBufferSpeechStopped = "input_audio_buffer.speech_stopped";
    public const string InputAudioBufferTimeoutTriggered = "input_audio_buffer.timeout_triggered";
    public const string InputAudioBufferDtmfEventReceived = "input_audio_buffer.dtmf_event_received";
    public const string OutputAudioBufferStarted = "output_audio_buffer.started";
    public const string OutputAudioBufferStopped = "output_audio_buffer.stopped";
    public const string OutputAudioBufferCleared = "output_audio_buffer.cleared";
    public const string ResponseCreated = "response.created";
    public const string ResponseDone = "response.done";
    public const string ResponseOutputItemAdded = "response.output_item.added";
    public const string ResponseOutputItemDone = "response.output_item.done";
    public const string ResponseContentPartAdded = "response.content_part.added";
    public const string ResponseContentPartDone = "response.content_part.done";
    public const string ResponseOutputTextDelta = "response.output_text.delta";
    public const string ResponseOutputTextDone = "response.output_text.done";
    public const string ResponseOutputAudioDelta = "response.output_audio.delta";
    public const string ResponseOutputAudioDone = "response.output_audio.done";
    public const string ResponseOutputAudioTranscriptDelta = "response.output_audio_transcript.delta";
    public const string ResponseOutputAudioTranscriptDone = "response.output_audio_transcript.done";
    public const string ResponseFunctionCallArgumentsDelta = "response.function_call_arguments.delta";
    public const string ResponseFunctionCallArgumentsDone = "response.function_call_arguments.done";
    public const string ResponseMcpCallArgumentsDelta = "response.mcp_call_arguments.delta";
    public const string ResponseMcpCallArgumentsDone = "response.mcp_call_arguments.done";
    public const string ResponseMcpCallInProgress = "response.mcp_call.in_progress";
    public const string ResponseMcpCallCompleted = "response.mcp_call.completed";
    public const string ResponseMcpCallFailed = "response.mcp_call.failed";
    public const string McpListToolsInProgress = "mcp_list_tools.in_progress";
    public const string McpListToolsCompleted = "mcp_list_tools.completed";
    public const string McpListToolsFailed = "mcp_list_tools.failed";
    public const string RateLimitsUpdated = "rate_limits.updated";
    public const string Error = "error";

    /// <summary>Every type above, with the class it reads as.</summary>
    internal static readonly IReadOnlyDictionary<string, Type> Classes = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [SessionCreated] = typeof(RealtimeSessionCreatedEvent),
        [SessionUpdated] = typeof(RealtimeSessionUpdatedEvent),
        [ConversationItemAdded] = typeof(RealtimeConversationItemAddedEvent),
        [ConversationItemDone] = typeof(RealtimeConversationItemDoneEvent),
        [ConversationItemRetrieved] = typeof(RealtimeConversationItemRetrievedEvent),
        [ConversationItemTruncated] = typeof(RealtimeConversationItemTruncatedEvent),
        [ConversationItemDeleted] = typeof(RealtimeConversationItemDeletedEvent),
        [InputAudioTranscriptionDelta] = typeof(RealtimeInputAudioTranscriptionDeltaEvent),
        [InputAudioTranscriptionCompleted] = typeof(RealtimeInputAudioTranscriptionCompletedEvent),
        [InputAudioTranscriptionFailed] = typeof(RealtimeInputAudioTranscriptionFailedEvent),
        [InputAudioTranscriptionSegment] = typeof(RealtimeInputAudioTranscriptionSegmentEvent),
        [InputAudioBufferCommitted] = typeof(RealtimeInputAudioBufferCommittedEvent),
        [InputAudioBufferCleared] = typeof(RealtimeInputAudioBufferClearedEvent),
        [InputAudioBufferSpeechStarted] = typeof(RealtimeInputAudioBufferSpeechStartedEvent),
        [InputAudioBufferSpeechStopped] = typeof(RealtimeInputAudioBufferSpeechStoppedEvent),
        [InputAudioBufferTimeoutTriggered] = typeof(RealtimeInputAudioBufferTimeoutTriggeredEvent),
        [InputAudioBufferDtmfEventReceived] = typeof(RealtimeInputAudioBufferDtmfEventReceivedEvent),
        [OutputAudioBufferStarted] = typeof(RealtimeOutputAudioBufferStartedEvent),
        [OutputAudioBufferStopped] = typeof(RealtimeOutputAudioBufferStoppedEvent),
        [OutputAudioBufferCleared] = typeof(RealtimeOutputAudioBufferClearedEvent),
        [ResponseCreated] = typeof(RealtimeResponseCreatedEvent),
        [ResponseDone] = typeof(RealtimeResponseDoneEvent),
        [ResponseOutputItemAdded] = typeof(RealtimeResponseOutputItemAddedEvent),
        [ResponseOutputItemDone] = typeof(RealtimeResponseOutputItemDoneEvent),
        [ResponseContentPartAdded] = typeof(RealtimeResponseContentPartAddedEvent),
        [ResponseContentPartDone] = typeof(RealtimeResponseContentPartDoneEvent),
        [ResponseOutputTextDelta] = typeof(RealtimeResponseOutputTextDeltaEvent),
        [ResponseOutputTextDone] = typeof(RealtimeResponseOutputTextDoneEvent),
        [ResponseOutputAudioDelta] = typeof(RealtimeResponseOutputAudioDeltaEvent),
        [ResponseOutputAudioDone] = typeof(RealtimeResponseOutputAudioDoneEvent),
        [ResponseOutputAudioTranscriptDelta] = typeof(RealtimeResponseOutputAudioTranscriptDeltaEvent),
        [ResponseOutputAudioTranscriptDone] = typeof(RealtimeResponseOutputAudioTranscriptDoneEvent),
        [ResponseFunctionCallArgumentsDelta] = typeof(RealtimeResponseFunctionCallArgumentsDeltaEvent),
        [ResponseFunctionCallArgumentsDone] = typeof(RealtimeResponseFunctionCallArgumentsDoneEvent),
        [ResponseMcpCallArgumentsDelta] = typeof(RealtimeResponseMcpCallArgumentsDeltaEvent),
        [ResponseMcpCallArgumentsDone] = typeof(RealtimeResponseMcpCallArgumentsDoneEvent),
        [ResponseMcpCallInProgress] = typeof(RealtimeResponseMcpCallInProgressEvent),
        [ResponseMcpCallCompleted] = typeof(RealtimeResponseMcpCallCompletedEvent),
        [ResponseMcpCallFailed] = typeof(RealtimeResponseMcpCallFailedEvent),
        [McpListToolsInProgress] = typeof(RealtimeMcpListToolsInProgressEvent),
        [McpListToolsCompleted] = typeof(RealtimeMcpListToolsCompletedEvent),
        [McpListToolsFailed] = typeof(RealtimeMcpListToolsFailedEvent),
        [RateLimitsUpdated] = typeof(RealtimeRateLimitsUpdatedEvent),
        [Error] = typeof(RealtimeErrorEvent),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
