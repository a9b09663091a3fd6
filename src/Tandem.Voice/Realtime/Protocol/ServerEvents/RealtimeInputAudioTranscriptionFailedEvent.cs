namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>conversation.item.input_audio_transcription.failed</c>: Transcribing a user audio item failed (not an <c>error</c> event, so the item is known).</summary>
public sealed record RealtimeInputAudioTranscriptionFailedEvent : RealtimeServerEvent
{
    public RealtimeInputAudioTranscriptionFailedEvent()
        : base(RealtimeServerEventTypes.InputAudioTranscriptionFailed)
    {
    }

    public string ItemId { get; set; } = string.Empty;

    public int ContentIndex { get; set; }

    public RealtimeErrorDetail? Error { get; set; }
}
