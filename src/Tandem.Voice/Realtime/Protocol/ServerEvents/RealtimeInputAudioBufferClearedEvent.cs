namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>input_audio_buffer.cleared</c>: The answer to <c>input_audio_buffer.clear</c>.</summary>
public sealed record RealtimeInputAudioBufferClearedEvent : RealtimeServerEvent
{
    public RealtimeInputAudioBufferClearedEvent()
        : base(RealtimeServerEventTypes.InputAudioBufferCleared)
    {
    }
}
