using Tandem.Voice.Realtime;

namespace Tandem.Voice.Tests.Realtime;

public sealed class AudioPacerTests
{
    [Theory]
    [InlineData(0, 48000, 1.0, 0)]
    [InlineData(4800, 48000, 1.0, 100)]
    [InlineData(48000, 48000, 1.0, 1000)]
    [InlineData(48000, 48000, 2.0, 500)]
    [InlineData(800, 8000, 1.0, 100)]
    [InlineData(24000, 8000, 0.5, 6000)]
    public void DueAfter_AudioSent_IsItsDurationOverTheSpeed(long bytesSent, int bytesPerSecond, double speed, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), AudioPacer.DueAfter(bytesSent, bytesPerSecond, speed));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Times_NotAPositiveFiniteSpeed_Throws(double speed)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioPacing.Times(speed));
    }

    [Fact]
    public void AsFastAsPossible_HasNoSpeed()
    {
        Assert.Null(AudioPacing.AsFastAsPossible.Speed);
        Assert.Equal(1.0, AudioPacing.RealTime.Speed);
        Assert.Equal(4.0, AudioPacing.Times(4).Speed);
    }
}
