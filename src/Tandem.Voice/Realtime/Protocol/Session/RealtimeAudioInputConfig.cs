namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>audio.input</c>: format, noise reduction, transcription and turn detection.</summary>
public sealed record RealtimeAudioInputConfig : RealtimeWireObject
{
    public RealtimeAudioFormat? Format { get; set; }

    /// <summary><c>near_field</c> or <c>far_field</c>, or <c>null</c> (off: <see cref="DisableNoiseReduction"/>).</summary>
    public RealtimeNoiseReduction? NoiseReduction { get; set; }

    /// <summary>Input transcription on a separate ASR model, or <c>null</c> (off: <see cref="DisableTranscription"/>).</summary>
    public RealtimeTranscriptionConfig? Transcription { get; set; }

    /// <summary>Server or semantic VAD, or <c>null</c> (off: <see cref="DisableTurnDetection"/>; the client then commits and asks for responses).</summary>
    public RealtimeTurnDetection? TurnDetection { get; set; }

    /// <summary>Sends <c>"turn_detection": null</c>: no VAD, the client commits the buffer and creates responses.</summary>
    public RealtimeAudioInputConfig DisableTurnDetection()
    {
        TurnDetection = null;
        SetExplicitNull("turn_detection");
        return this;
    }

    /// <summary>Sends <c>"noise_reduction": null</c>.</summary>
    public RealtimeAudioInputConfig DisableNoiseReduction()
    {
        NoiseReduction = null;
        SetExplicitNull("noise_reduction");
        return this;
    }

    /// <summary>Sends <c>"transcription": null</c>.</summary>
    public RealtimeAudioInputConfig DisableTranscription()
    {
        Transcription = null;
        SetExplicitNull("transcription");
        return this;
    }
}
