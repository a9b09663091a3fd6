namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>input_audio_buffer.speech_stopped</c>: Server VAD heard speech stop.</summary>
public sealed record RealtimeInputAudioBufferSpeechStoppedEvent : RealtimeServerEvent
{
    public RealtimeInputAudioBufferSpeechStoppedEvent()
        : base(RealtimeServerEventTypes.InputAudioBufferSpeechStopped)
    {
    }

    public int AudioEndMs { get; set; }

    public string ItemId { get; set; } = string.Empty;
}
