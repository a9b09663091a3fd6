using Tandem.Voice.Recognition;

namespace Tandem.Voice.Tests.Recognition;

public sealed class ComfortNoiseTests
{
    [Fact]
    public void Add_Silence_GivesNoiseAtTheRequestedLevel()
    {
        var samples = new short[16000];

        ComfortNoise.Add(samples, -70);

        Assert.InRange(VoiceActivityDetector.Level(samples), -70.5, -69.5);
    }

    [Fact]
    public void Add_SameInputTwice_GivesTheSameOutput()
    {
        var a = SignalGenerator.Tone(16000, 200, 440, -20);
        var b = (short[])a.Clone();

        ComfortNoise.Add(a, -70);
        ComfortNoise.Add(b, -70);

        Assert.Equal(a, b);
        Assert.NotEqual(SignalGenerator.Tone(16000, 200, 440, -20), a);
    }

    [Theory]
    [InlineData(-120)]
    [InlineData(double.NaN)]
    public void Add_Off_LeavesTheSamplesAlone(double dbfs)
    {
        var samples = SignalGenerator.Tone(16000, 100, 440, -20);
        var before = (short[])samples.Clone();

        ComfortNoise.Add(samples, dbfs);

        Assert.Equal(before, samples);
    }

    [Fact]
    public void Add_NearFullScale_ClampsInsteadOfWrapping()
    {
        short[] samples = [short.MaxValue, short.MinValue, short.MaxValue, short.MinValue];

        ComfortNoise.Add(samples, -30);

        Assert.All(samples.Where((_, i) => i % 2 == 0), s => Assert.True(s > 30000));
        Assert.All(samples.Where((_, i) => i % 2 == 1), s => Assert.True(s < -30000));
    }
}
