namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.output_audio_transcript.done</c>: The whole transcript of the output audio.</summary>
public sealed record RealtimeResponseOutputAudioTranscriptDoneEvent : RealtimeResponseContentEvent
{
    public RealtimeResponseOutputAudioTranscriptDoneEvent()
        : base(RealtimeServerEventTypes.ResponseOutputAudioTranscriptDone)
    {
    }

    public string Transcript { get; set; } = string.Empty;
}
