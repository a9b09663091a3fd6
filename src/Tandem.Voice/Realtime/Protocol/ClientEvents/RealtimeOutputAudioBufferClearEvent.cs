namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>output_audio_buffer.clear</c>: WebRTC/SIP: cuts off the audio being played (send <c>response.cancel</c> first).</summary>
public sealed record RealtimeOutputAudioBufferClearEvent : RealtimeClientEvent
{
    public RealtimeOutputAudioBufferClearEvent()
        : base(RealtimeClientEventTypes.OutputAudioBufferClear)
    {
    }
}
