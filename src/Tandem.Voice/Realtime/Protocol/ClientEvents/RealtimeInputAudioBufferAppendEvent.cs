namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>input_audio_buffer.append</c>: Appends audio (base64, in the session's input format, at most 15 MiB) to the input buffer; no answer.</summary>
public sealed record RealtimeInputAudioBufferAppendEvent : RealtimeClientEvent
{
    public RealtimeInputAudioBufferAppendEvent()
        : base(RealtimeClientEventTypes.InputAudioBufferAppend)
    {
    }

    /// <summary>Base64 audio.</summary>
    public string Audio { get; set; } = string.Empty;
}
