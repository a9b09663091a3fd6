namespace Tandem.Voice.Recognition;

/// <summary>
/// Realtime <c>server_vad</c> settings for the local endpoint's energy-based detector.
/// </summary>
/// <remarks>
/// How <see cref="Threshold"/> maps to levels: audio is cut into 10 ms frames and each frame's RMS
/// level L is taken in dBFS (full scale = 0 dB, digital silence clamps at −120). A frame is loud when
/// L ≥ max(A, N + M), with the absolute level A = −70 + 50·t dBFS (t = 0 → −70, 0.5 → −45,
/// 1 → −20) and the margin M = 6 + 18·t dB (0.5 → 15 dB) over the noise floor N, the quietest frame
/// of the last 2 s (frames before the stream began count as −90 dBFS). Speech starts after 30 ms of
/// loud frames, at the first of them; once speaking, a frame still counts as speech down to 6 dB
/// below that level (hysteresis), and speech stops after <see cref="SilenceDurationMs"/> of frames
/// under it. So a steady noise louder than A is taken for speech for at most about 2 s.
/// </remarks>
public sealed class VoiceActivityDetectionOptions
{
    /// <summary>Activation threshold 0..1: higher needs louder speech (see the remarks for the mapping).</summary>
    public double Threshold { get; set; } = 0.5;

    /// <summary>Audio kept before the detected start of speech, and reported in its start time.</summary>
    public int PrefixPaddingMs { get; set; } = 300;

    /// <summary>Silence that ends speech; the reported end time includes it.</summary>
    public int SilenceDurationMs { get; set; } = 500;

    /// <summary>The input's sample rate; the Realtime API's PCM16 input is 24 kHz.</summary>
    public int SampleRate { get; set; } = 24000;
}
