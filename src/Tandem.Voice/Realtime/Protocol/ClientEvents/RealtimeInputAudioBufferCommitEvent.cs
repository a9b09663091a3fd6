namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>input_audio_buffer.commit</c>: Commits the input buffer as a user item (not needed with VAD; an error when the buffer is empty).</summary>
public sealed record RealtimeInputAudioBufferCommitEvent : RealtimeClientEvent
{
    public RealtimeInputAudioBufferCommitEvent()
        : base(RealtimeClientEventTypes.InputAudioBufferCommit)
    {
    }
}
