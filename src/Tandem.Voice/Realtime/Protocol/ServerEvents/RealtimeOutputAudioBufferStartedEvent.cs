namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>output_audio_buffer.started</c>: WebRTC/SIP: the server started playing a response's audio.</summary>
public sealed record RealtimeOutputAudioBufferStartedEvent : RealtimeOutputAudioBufferEvent
{
    public RealtimeOutputAudioBufferStartedEvent()
        : base(RealtimeServerEventTypes.OutputAudioBufferStarted)
    {
    }
}
