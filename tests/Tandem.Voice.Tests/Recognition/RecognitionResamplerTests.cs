using Tandem.Voice.Recognition;

namespace Tandem.Voice.Tests.Recognition;

public sealed class RecognitionResamplerTests
{
    [Theory]
    [InlineData(24000, 16000)]
    [InlineData(8000, 16000)]
    [InlineData(22050, 16000)]
    [InlineData(48000, 16000)]
    public void Resample_Sine_KeepsLengthAndPhase(int inputRate, int outputRate)
    {
        var input = SignalGenerator.Tone(inputRate, 500, 440, -10);

        var output = RecognitionResampler.Resample(input, inputRate, outputRate);

        Assert.Equal((int)((long)input.Length * outputRate / inputRate), output.Length);
        var expected = SignalGenerator.Tone(outputRate, 500, 440, -10);
        // Away from the edges (the filter's ramp), the output is the same sine at the same phase.
        var lag0 = Correlation(output, expected, 0);
        Assert.True(lag0 > 0.995, $"correlation at lag 0 was {lag0:0.0000}");
        Assert.True(lag0 > Correlation(output, expected, 1) && lag0 > Correlation(output, expected, -1), "the best alignment is not at lag 0");
    }

    [Fact]
    public void Resample_ToneAboveTheNewNyquist_IsFilteredOut()
    {
        // 10 kHz survives at 24 kHz but not at 16 kHz (Nyquist 8 kHz): without a low-pass it would alias to 6 kHz.
        var input = SignalGenerator.Tone(24000, 500, 10_000, -10);

        var output = RecognitionResampler.Resample(input, 24000, 16000);

        var level = VoiceActivityDetector.Level(output.AsSpan(800, output.Length - 1600));
        Assert.True(level < -50, $"the 10 kHz tone came through at {level:0.0} dBFS");
    }

    [Fact]
    public void Resample_SameRate_CopiesTheSamples()
    {
        short[] input = [1, -2, 3, 32767, -32768];

        var output = RecognitionResampler.Resample(input, 16000, 16000);

        Assert.Equal(input, output);
        Assert.NotSame(input, output);
    }

    private static double Correlation(short[] a, short[] b, int lag)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var i = 400; i < Math.Min(a.Length, b.Length) - 400; i++)
        {
            double x = a[i], y = b[i + lag];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }

        return ab / Math.Sqrt(aa * bb);
    }
}
