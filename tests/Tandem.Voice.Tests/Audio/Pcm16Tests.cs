using NAudio.Wave;
using Tandem.Voice.Audio;
using Tandem.Voice.Corpus;
using Tandem.Voice.Tests.Corpus;

namespace Tandem.Voice.Tests.Audio;

public sealed class Pcm16Tests
{
    [Fact]
    public void ToBytes_Samples_AreLittleEndian()
    {
        Assert.Equal([0x34, 0x12, 0xFF, 0xFF, 0x00, 0x80], Pcm16.ToBytes([0x1234, -1, short.MinValue]));
    }

    [Fact]
    public void FromBytes_RoundTrip_GivesTheSamples()
    {
        short[] samples = [0, 1, -1, short.MaxValue, short.MinValue, 4242];
        Assert.Equal(samples, Pcm16.FromBytes(Pcm16.ToBytes(samples)));
    }

    [Fact]
    public void FromBytes_OddLength_ThrowsNamingTheCount()
    {
        var ex = Assert.Throws<ArgumentException>(() => Pcm16.FromBytes([1, 2, 3]));
        Assert.Contains("3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duration_OneSecondOfSamples_IsOneSecond()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), Pcm16.Duration(24000, 24000));
        Assert.Equal(TimeSpan.FromMilliseconds(20), Pcm16.Duration(320, 16000));
        Assert.Equal(1500, Pcm16.DurationMilliseconds(36000, 24000));
        Assert.Equal(480, Pcm16.SampleCount(TimeSpan.FromMilliseconds(20), 24000));
    }

    [Fact]
    public void Duration_RateInKilohertz_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Pcm16.Duration(100, 24));

    [Fact]
    public void ToBase64Frames_TwentyMilliseconds_SplitsAtFrameBoundaries()
    {
        var samples = Tone(24000 + 10, 24000, 440);
        var frames = Pcm16.ToBase64Frames(samples, 24000, 20).ToList();
        Assert.Equal(51, frames.Count);
        Assert.All(frames.Take(50), f => Assert.Equal(960, Convert.FromBase64String(f).Length));
        Assert.Equal(20, Convert.FromBase64String(frames[^1]).Length);
        Assert.Equal(samples, Pcm16.FromBytes(frames.SelectMany(Convert.FromBase64String).ToArray()));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(5000)]
    public void ToBase64Frames_FrameOutOfRange_Throws(int milliseconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Pcm16.ToBase64Frames(new short[10], 24000, milliseconds));

    [Theory]
    [InlineData(22050, 24000)]
    [InlineData(8000, 24000)]
    [InlineData(24000, 16000)]
    [InlineData(48000, 24000)]
    public void Resample_Tone_KeepsDurationFrequencyAndLevel(int from, int to)
    {
        var tone = Tone(from, from, 440);
        var resampled = Pcm16.Resample(tone, from, to);
        Assert.Equal(to, resampled.Length);
        Assert.InRange(ZeroCrossings(resampled), 876, 884);
        Assert.InRange(Rms(resampled.AsSpan(to / 10, to * 8 / 10)) / Rms(tone), 0.95, 1.05);
    }

    [Fact]
    public void Resample_ToneAboveNewNyquist_IsFilteredOut()
    {
        // 6 kHz cannot exist at 8 kHz: the sinc filter must remove it, not fold it down to 2 kHz.
        var tone = Tone(24000, 24000, 6000);
        var resampled = Pcm16.Resample(tone, 24000, 8000);
        Assert.Equal(8000, resampled.Length);
        Assert.True(Rms(resampled.AsSpan(800, 6400)) < Rms(tone) * 0.05, "the alias survived");
    }

    [Fact]
    public void Resample_SameRate_ReturnsACopy()
    {
        short[] samples = [1, 2, 3];
        var copy = Pcm16.Resample(samples, 16000, 16000);
        Assert.Equal(samples, copy);
        Assert.NotSame(samples, copy);
    }

    [Fact]
    public void WriteWav_Samples_CanonicalHeaderAndSamples()
    {
        var samples = Tone(2400, 24000, 300);
        var bytes = Pcm16.ToWav(samples, 24000);
        Assert.Equal(44 + (samples.Length * 2), bytes.Length);
        using var reader = new WaveFileReader(new MemoryStream(bytes));
        Assert.Equal(new WaveFormat(24000, 16, 1), reader.WaveFormat);
        Assert.Equal(samples, Pcm16.ReadWav(new MemoryStream(bytes), 24000));
    }

    [Fact]
    public void ReadWav_Stereo16Bit_AveragesTheChannels()
    {
        using var buffer = new MemoryStream();
        using (var writer = new WaveFileWriter(buffer, new WaveFormat(16000, 16, 2)))
        {
            writer.WriteSamples([1000, 3000, -2000, 0, 5, 6], 0, 6);
        }

        buffer.Position = 0;
        Assert.Equal([2000, -1000, 6], Pcm16.ReadWav(buffer, 16000));
    }

    [Fact]
    public void ReadWav_Unsupported_ThrowsNamingTheEncoding()
    {
        using var buffer = new MemoryStream();
        using (var writer = new WaveFileWriter(buffer, WaveFormat.CreateCustomFormat(WaveFormatEncoding.DviAdpcm, 8000, 1, 4055, 256, 4)))
        {
            writer.Write(new byte[512]);
        }

        buffer.Position = 0;
        var ex = Assert.Throws<NotSupportedException>(() => Pcm16.ReadWav(buffer, 8000));
        Assert.Contains("DviAdpcm", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadWav_CutOff_ReadsTheSamplesItHolds()
    {
        var samples = Tone(1000, 16000, 440);
        var bytes = Pcm16.ToWav(samples, 16000);
        Assert.Equal(samples[..228], Pcm16.ReadWav(new MemoryStream(bytes[..500]), 16000));
    }

    [Fact]
    public void ReadWav_NotAWav_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => Pcm16.ReadWav(new MemoryStream("hello, this is not audio"u8.ToArray())));

    [Theory]
    [InlineData("8-bit stereo 44.1 kHz", new[] { "-r", "44100", "-c", "2", "-b", "8", "-e", "unsigned-integer" })]
    [InlineData("µ-law 8 kHz", new[] { "-r", "8000", "-e", "mu-law" })]
    [InlineData("A-law 8 kHz", new[] { "-r", "8000", "-e", "a-law" })]
    [InlineData("16-bit stereo 48 kHz", new[] { "-r", "48000", "-c", "2", "-b", "16" })]
    [InlineData("24-bit 22.05 kHz", new[] { "-r", "22050", "-b", "24" })]
    [InlineData("float 16 kHz", new[] { "-r", "16000", "-e", "floating-point", "-b", "32" })]
    public async Task ReadWav_SoxMadeInput_ToneAt24kHz(string description, string[] format)
    {
        var tools = await ToolGate.RequireAsync(SpeechTool.Sox);
        using var dir = new TempDirectory();
        var source = Path.Combine(dir.Path, "source.wav");
        var converted = Path.Combine(dir.Path, "converted.wav");
        var tone = Tone(16000, 16000, 440);
        Pcm16.WriteWav(source, tone, 16000);
        await ToolGate.SoxAsync(tools, ["-D", source, .. format, converted]);

        var samples = Pcm16.ReadWav(converted, 24000);

        Assert.InRange(samples.Length, 23999, 24001);
        Assert.InRange(ZeroCrossings(samples), 875, 885);
        var ratio = Rms(samples.AsSpan(2400, 19200)) / Rms(tone);
        Assert.True(ratio is > 0.9 and < 1.1, $"{description}: level ratio {ratio}");
    }

    internal static short[] Tone(int count, int rate, double frequency, double amplitude = 10000) =>
        [.. Enumerable.Range(0, count).Select(i => (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * i / rate)))];

    internal static double Rms(ReadOnlySpan<short> samples)
    {
        var sum = 0.0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / samples.Length);
    }

    private static int ZeroCrossings(short[] samples)
    {
        var count = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            if ((samples[i - 1] < 0) != (samples[i] < 0))
            {
                count++;
            }
        }

        return count;
    }
}
