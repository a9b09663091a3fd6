namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>conversation.item.input_audio_transcription.delta</c>: A piece of the input transcript (a separate ASR model; it may arrive after the response).</summary>
public sealed record RealtimeInputAudioTranscriptionDeltaEvent : RealtimeServerEvent
{
    public RealtimeInputAudioTranscriptionDeltaEvent()
        : base(RealtimeServerEventTypes.InputAudioTranscriptionDelta)
    {
    }

    public string ItemId { get; set; } = string.Empty;

    public int? ContentIndex { get; set; }

    public string? Delta { get; set; }

    public List<RealtimeLogProb>? Logprobs { get; set; }
}
