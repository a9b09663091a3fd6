namespace Tandem.Voice.Corpus;

/// <summary>
/// Adds seeded noise at a target SNR, in integer arithmetic wherever it matters, so the same seed gives the same
/// bytes on every machine. The only floating-point step is the gain, which is rounded to 16.16 fixed point: a
/// last-bit difference in <see cref="Math.Pow(double, double)"/> between runtimes cannot change it in practice.
/// </summary>
internal static class NoiseMixer
{
    private const int FrameSamples = 480; // 20 ms at 24 kHz

    /// <summary>Mixes white noise (sum of four uniforms, near-Gaussian) into <paramref name="speech"/>.</summary>
    /// <remarks>The SNR is measured against the active speech: 20 ms frames within 20 dB of the loudest frame, so the
    /// silence a synthesiser leaves around an utterance does not dilute the speech level.</remarks>
    public static short[] Mix(ReadOnlySpan<short> speech, double snrDb, DeterministicRandom random)
    {
        var noise = new int[speech.Length];
        long noisePower = 0;
        for (var i = 0; i < noise.Length; i++)
        {
            var bits = random.NextUInt64();
            var value = 0;
            for (var k = 0; k < 4; k++)
            {
                value += (int)((bits >> (16 * k)) & 0xFFFF) - 32768;
            }

            noise[i] = value;
            noisePower += (long)value * value;
        }

        var speechPower = ActivePower(speech);
        if (speechPower == 0 || noisePower == 0)
        {
            return speech.ToArray();
        }

        // gain² · Pn = Ps / 10^(snr/10).
        var meanNoise = (double)noisePower / noise.Length;
        var gain = Math.Sqrt(speechPower / (meanNoise * Math.Pow(10, snrDb / 10)));
        var gainQ16 = (long)Math.Round(gain * 65536);
        var mixed = new short[speech.Length];
        for (var i = 0; i < speech.Length; i++)
        {
            var sum = speech[i] + ((noise[i] * gainQ16 + 32768) >> 16);
            mixed[i] = (short)Math.Clamp(sum, short.MinValue, short.MaxValue);
        }

        return mixed;
    }

    /// <summary>Mean power of the frames within 20 dB (a factor of 100 in power) of the loudest frame.</summary>
    internal static double ActivePower(ReadOnlySpan<short> speech)
    {
        var frames = (speech.Length + FrameSamples - 1) / FrameSamples;
        var power = new long[frames];
        var lengths = new int[frames];
        for (var i = 0; i < speech.Length; i++)
        {
            power[i / FrameSamples] += (long)speech[i] * speech[i];
            lengths[i / FrameSamples]++;
        }

        var loudest = 0.0;
        for (var f = 0; f < frames; f++)
        {
            loudest = Math.Max(loudest, (double)power[f] / lengths[f]);
        }

        long sum = 0, count = 0;
        for (var f = 0; f < frames; f++)
        {
            if ((double)power[f] / lengths[f] * 100 >= loudest)
            {
                sum += power[f];
                count += lengths[f];
            }
        }

        return count == 0 ? 0 : (double)sum / count;
    }
}
