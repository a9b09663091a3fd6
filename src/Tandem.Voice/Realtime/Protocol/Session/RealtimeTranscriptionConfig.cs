namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>audio.input.transcription</c>: the ASR model (e.g. <c>gpt-4o-transcribe</c>), an ISO-639-1 language and a prompt.</summary>
public sealed record RealtimeTranscriptionConfig : RealtimeWireObject
{
    public string? Model { get; set; }

    public string? Language { get; set; }

    public string? Prompt { get; set; }
}
