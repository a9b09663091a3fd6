namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>input_audio_buffer.committed</c>: The input buffer was committed (by the client or by VAD) as the user item <see cref="ItemId"/>.</summary>
public sealed record RealtimeInputAudioBufferCommittedEvent : RealtimeServerEvent
{
    public RealtimeInputAudioBufferCommittedEvent()
        : base(RealtimeServerEventTypes.InputAudioBufferCommitted)
    {
    }

    /// <summary>The item before it; the server writes <c>null</c> when there is none.</summary>
    public string? PreviousItemId { get; set; }

    public string ItemId { get; set; } = string.Empty;
}
