using NAudio.Dsp;

namespace Tandem.Voice.Recognition;

/// <summary>
/// Converts a whole segment to the acoustic model's rate with NAudio's WDL windowed-sinc resampler
/// (a proper low-pass when going down from 24 kHz, where linear interpolation would alias), keeping
/// sample positions so word times stay aligned with the input.
/// </summary>
internal static class RecognitionResampler
{
    private const int SincSize = 64;
    private const int SincInterpolation = 32;
    private const int Block = 4096;

    public static short[] Resample(ReadOnlySpan<short> input, int inputRate, int outputRate)
    {
        if (inputRate == outputRate)
        {
            return input.ToArray();
        }

        var resampler = new WdlResampler();
        resampler.SetMode(true, 0, true, SincSize, SincInterpolation);
        resampler.SetFilterParms();
        resampler.SetFeedMode(true);
        resampler.SetRates(inputRate, outputRate);

        var expected = (int)((long)input.Length * outputRate / inputRate);
        // WDL compensates the sinc filter's delay itself (output sample n is input time n/rate, which
        // the tests check), but holds back the tail: silence after the input flushes it.
        var scratch = new float[Block + 16 + (int)(((long)Block * outputRate / inputRate) + 16)];
        var output = new short[expected];
        var produced = 0;
        var flush = (SincSize * 2) + 2;
        for (var position = 0; position < input.Length + flush; position += Block)
        {
            var count = Math.Min(Block, input.Length + flush - position);
            var needed = resampler.ResamplePrepare(count, 1, out var inBuffer);
            for (var i = 0; i < needed; i++)
            {
                var source = position + i;
                inBuffer[i] = source < input.Length ? input[source] / 32768f : 0f;
            }

            var outCount = resampler.ResampleOut(scratch, needed, scratch.Length, 1);
            for (var i = 0; i < outCount; i++, produced++)
            {
                if (produced < expected)
                {
                    output[produced] = (short)Math.Clamp(MathF.Round(scratch[i] * 32768f), short.MinValue, short.MaxValue);
                }
            }
        }

        return output;
    }
}
