namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>output_audio_buffer.cleared</c>: WebRTC/SIP: the output audio buffer was cleared (interruption or <c>output_audio_buffer.clear</c>).</summary>
public sealed record RealtimeOutputAudioBufferClearedEvent : RealtimeOutputAudioBufferEvent
{
    public RealtimeOutputAudioBufferClearedEvent()
        : base(RealtimeServerEventTypes.OutputAudioBufferCleared)
    {
    }
}
