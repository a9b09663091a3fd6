namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>audio</c> of a session (input and output) or of a response (output only).</summary>
public sealed record RealtimeAudioConfig : RealtimeWireObject
{
    public RealtimeAudioInputConfig? Input { get; set; }

    public RealtimeAudioOutputConfig? Output { get; set; }
}
