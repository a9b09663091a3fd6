using NAudio.Dsp;

namespace Tandem.Voice.Audio;

public static partial class Pcm16
{
    // Windowed-sinc mode: band-limits properly when going down (24 kHz → 8 kHz) without the IIR's phase smear.
    private const int SincSize = 64;
    private const int SincInterpolationSize = 32;
    private const int ResampleBlock = 4096;

    /// <summary>
    /// Resamples mono PCM16 with NAudio's WDL resampler (windowed sinc). The output has exactly
    /// round(n × to / from) samples, so the duration is kept; the resampler compensates its own filter delay.
    /// </summary>
    /// <remarks>The result is floating-point DSP: it is stable on one machine and runtime, but not promised to be
    /// bit-identical across CPUs or .NET versions. The corpus generator resamples with sox for that reason.</remarks>
    public static short[] Resample(ReadOnlySpan<short> samples, int fromRate, int toRate)
    {
        ValidateRate(fromRate, nameof(fromRate));
        ValidateRate(toRate, nameof(toRate));
        if (fromRate == toRate || samples.IsEmpty)
        {
            return samples.ToArray();
        }

        var expected = (int)(((long)samples.Length * toRate + fromRate / 2) / fromRate);
        var output = new short[expected];
        var resampler = new WdlResampler();
        resampler.SetMode(true, 0, true, SincSize, SincInterpolationSize);
        resampler.SetFilterParms();
        resampler.SetFeedMode(true);
        resampler.SetRates(fromRate, toRate);

        // Room for one block's output at the largest supported ratio.
        var outBuffer = new float[(int)((long)ResampleBlock * toRate / fromRate) + SincSize + 16];
        var produced = 0;
        var fed = 0;

        // Past the input, zeros flush what the filter still holds; the filter's span in input samples bounds it.
        var flushLimit = samples.Length + (SincSize * 4) + (ResampleBlock * 2);
        while (produced < expected && fed < flushLimit)
        {
            var need = resampler.ResamplePrepare(ResampleBlock, 1, out Span<float> input);
            for (var i = 0; i < need; i++)
            {
                var index = fed + i;
                input[i] = index < samples.Length ? samples[index] / 32768f : 0f;
            }

            fed += need;
            var got = resampler.ResampleOut(outBuffer, need, outBuffer.Length, 1);
            for (var i = 0; i < got && produced < expected; i++)
            {
                output[produced++] = ToShort(outBuffer[i]);
            }
        }

        return output;
    }

    internal static short ToShort(float value)
    {
        var scaled = MathF.Round(value * 32768f);
        return scaled switch
        {
            > short.MaxValue => short.MaxValue,
            < short.MinValue => short.MinValue,
            _ => (short)scaled,
        };
    }
}
