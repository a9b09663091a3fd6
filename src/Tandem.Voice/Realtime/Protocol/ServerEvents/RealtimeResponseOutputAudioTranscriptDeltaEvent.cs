namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.output_audio_transcript.delta</c>: A piece of the transcript of the output audio.</summary>
public sealed record RealtimeResponseOutputAudioTranscriptDeltaEvent : RealtimeResponseContentEvent
{
    public RealtimeResponseOutputAudioTranscriptDeltaEvent()
        : base(RealtimeServerEventTypes.ResponseOutputAudioTranscriptDelta)
    {
    }

    public string Delta { get; set; } = string.Empty;
}
