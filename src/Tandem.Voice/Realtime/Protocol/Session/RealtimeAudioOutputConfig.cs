namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>audio.output</c>: format, voice (fixed once the model has spoken) and speed (0.25–1.5).</summary>
public sealed record RealtimeAudioOutputConfig : RealtimeWireObject
{
    public RealtimeAudioFormat? Format { get; set; }

    /// <summary>e.g. <c>alloy</c>, <c>marin</c>, <c>cedar</c>.</summary>
    public string? Voice { get; set; }

    public double? Speed { get; set; }
}
