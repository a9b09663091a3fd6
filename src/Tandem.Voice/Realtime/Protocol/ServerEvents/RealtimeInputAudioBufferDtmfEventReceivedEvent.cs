namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>input_audio_buffer.dtmf_event_received</c>: SIP only: a keypad press (0–9, *, #, A–D).</summary>
public sealed record RealtimeInputAudioBufferDtmfEventReceivedEvent : RealtimeServerEvent
{
    public RealtimeInputAudioBufferDtmfEventReceivedEvent()
        : base(RealtimeServerEventTypes.InputAudioBufferDtmfEventReceived)
    {
    }

    /// <summary>The key.</summary>
    public string? Event { get; set; }

    /// <summary>Unix seconds.</summary>
    public long ReceivedAt { get; set; }
}
