namespace Tandem.Voice.Recognition;

/// <summary>
/// Adds a fixed, reproducible white-noise floor to audio before feature extraction. Synthetic
/// speech and zero-padded segments contain runs of exact digital silence, whose log energies are
/// far below anything the acoustic model was trained on and drag the per-utterance cepstral mean
/// away from speech. A −70 dBFS floor more than halved the measured word error rate on 12
/// espeak-ng (Klatt voice) digit and letter strings: grammar 0.16 → 0.07, language model
/// 0.54 → 0.21. Real microphone audio already has such a floor, so it changes little there. The
/// generator is seeded the same way for every call, so the same audio still gives the same result.
/// </summary>
internal static class ComfortNoise
{
    private const ulong Seed = 0x9E3779B97F4A7C15;

    /// <summary>Adds uniform white noise of RMS level <paramref name="dbfs"/> in place; NaN or ≤ −120 adds nothing.</summary>
    public static void Add(Span<short> samples, double dbfs)
    {
        if (double.IsNaN(dbfs) || dbfs <= -120)
        {
            return;
        }

        // Uniform on [-a, a] has RMS a/√3.
        var amplitude = Math.Pow(10, dbfs / 20) * Math.Sqrt(3) * 32767;
        var state = Seed;
        for (var i = 0; i < samples.Length; i++)
        {
            // xorshift64: fast, and unlike System.Random its sequence is fixed by this code alone.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            var uniform = ((state >> 11) * (1.0 / (1UL << 53) * 2)) - 1;
            samples[i] = (short)Math.Clamp(Math.Round(samples[i] + (amplitude * uniform)), short.MinValue, short.MaxValue);
        }
    }
}
