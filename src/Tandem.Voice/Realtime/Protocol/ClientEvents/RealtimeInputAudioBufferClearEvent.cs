namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>input_audio_buffer.clear</c>: Empties the input buffer.</summary>
public sealed record RealtimeInputAudioBufferClearEvent : RealtimeClientEvent
{
    public RealtimeInputAudioBufferClearEvent()
        : base(RealtimeClientEventTypes.InputAudioBufferClear)
    {
    }
}
