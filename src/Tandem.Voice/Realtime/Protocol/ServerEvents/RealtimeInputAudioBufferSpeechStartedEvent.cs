namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>input_audio_buffer.speech_started</c>: Server VAD heard speech start (a client playing audio may stop it here).</summary>
public sealed record RealtimeInputAudioBufferSpeechStartedEvent : RealtimeServerEvent
{
    public RealtimeInputAudioBufferSpeechStartedEvent()
        : base(RealtimeServerEventTypes.InputAudioBufferSpeechStarted)
    {
    }

    /// <summary>Milliseconds into the session's input audio, padding included.</summary>
    public int AudioStartMs { get; set; }

    public string ItemId { get; set; } = string.Empty;
}
