namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>conversation.item.input_audio_transcription.completed</c>: The input transcript of a user audio item is complete.</summary>
public sealed record RealtimeInputAudioTranscriptionCompletedEvent : RealtimeServerEvent
{
    public RealtimeInputAudioTranscriptionCompletedEvent()
        : base(RealtimeServerEventTypes.InputAudioTranscriptionCompleted)
    {
    }

    public string ItemId { get; set; } = string.Empty;

    public int ContentIndex { get; set; }

    public string? Transcript { get; set; }

    public RealtimeTranscriptionUsage? Usage { get; set; }

    public List<RealtimeLogProb>? Logprobs { get; set; }
}
