namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>input_audio_buffer.timeout_triggered</c>: The VAD idle timeout fired: the silent audio is committed and a response follows.</summary>
public sealed record RealtimeInputAudioBufferTimeoutTriggeredEvent : RealtimeServerEvent
{
    public RealtimeInputAudioBufferTimeoutTriggeredEvent()
        : base(RealtimeServerEventTypes.InputAudioBufferTimeoutTriggered)
    {
    }

    public int AudioStartMs { get; set; }

    public int AudioEndMs { get; set; }

    public string ItemId { get; set; } = string.Empty;
}
