namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>conversation.item.input_audio_transcription.segment</c>: A transcribed segment with its speaker (diarizing transcription models).</summary>
public sealed record RealtimeInputAudioTranscriptionSegmentEvent : RealtimeServerEvent
{
    public RealtimeInputAudioTranscriptionSegmentEvent()
        : base(RealtimeServerEventTypes.InputAudioTranscriptionSegment)
    {
    }

    public string? Id { get; set; }

    public string ItemId { get; set; } = string.Empty;

    public int ContentIndex { get; set; }

    public string? Text { get; set; }

    public string? Speaker { get; set; }

    /// <summary>Seconds.</summary>
    public double Start { get; set; }

    /// <summary>Seconds.</summary>
    public double End { get; set; }
}
