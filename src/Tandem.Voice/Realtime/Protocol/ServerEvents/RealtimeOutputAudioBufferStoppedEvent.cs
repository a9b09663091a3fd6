namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>output_audio_buffer.stopped</c>: WebRTC/SIP: the server's output audio buffer drained.</summary>
public sealed record RealtimeOutputAudioBufferStoppedEvent : RealtimeOutputAudioBufferEvent
{
    public RealtimeOutputAudioBufferStoppedEvent()
        : base(RealtimeServerEventTypes.OutputAudioBufferStopped)
    {
    }
}
