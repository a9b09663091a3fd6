namespace Tandem.Voice.Tests.Recognition;

/// <summary>Synthetic test signals: silence, tones and seeded white noise at a given level.</summary>
internal static class SignalGenerator
{
    public static short[] Silence(int sampleRate, int ms) => new short[Samples(sampleRate, ms)];

    /// <summary>A sine whose RMS level is <paramref name="dbfs"/> (the peak is 3 dB higher).</summary>
    public static short[] Tone(int sampleRate, int ms, double hz, double dbfs, long phaseSample = 0)
    {
        var amplitude = Math.Pow(10, dbfs / 20) * Math.Sqrt(2) * 32767;
        var samples = new short[Samples(sampleRate, ms)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * hz * (i + phaseSample) / sampleRate));
        }

        return samples;
    }

    /// <summary>Uniform white noise at an RMS level of <paramref name="dbfs"/>, reproducible by seed.</summary>
    public static short[] Noise(int sampleRate, int ms, double dbfs, int seed)
    {
        var random = new Random(seed);
        var amplitude = Math.Pow(10, dbfs / 20) * Math.Sqrt(3) * 32767; // uniform: RMS = peak / sqrt(3)
        var samples = new short[Samples(sampleRate, ms)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Round(amplitude * ((random.NextDouble() * 2) - 1));
        }

        return samples;
    }

    public static short[] Concat(params short[][] parts) => [.. parts.SelectMany(p => p)];

    public static int Samples(int sampleRate, int ms) => (int)((long)sampleRate * ms / 1000);
}
