namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.output_audio.delta</c>: A piece of output audio, base64 in the session's output format.</summary>
public sealed record RealtimeResponseOutputAudioDeltaEvent : RealtimeResponseContentEvent
{
    public RealtimeResponseOutputAudioDeltaEvent()
        : base(RealtimeServerEventTypes.ResponseOutputAudioDelta)
    {
    }

    public string Delta { get; set; } = string.Empty;
}
