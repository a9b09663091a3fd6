using NAudio.Wave;

namespace Tandem.Voice.Tests.Realtime.Support;

/// <summary>Deterministic test audio: a tone as PCM16 mono, and WAV files of any format.</summary>
public static class TestAudio
{
    /// <summary><paramref name="milliseconds"/> of a 440 Hz tone, 16-bit little-endian mono at <paramref name="sampleRate"/>.</summary>
    public static byte[] Tone(int milliseconds, int sampleRate = 24000)
    {
        var samples = sampleRate * milliseconds / 1000;
        var bytes = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(Math.Sin(2 * Math.PI * 440 * i / sampleRate) * 8000);
            bytes[2 * i] = (byte)value;
            bytes[(2 * i) + 1] = (byte)(value >> 8);
        }

        return bytes;
    }

    /// <summary>A temporary WAV file of <paramref name="data"/> in <paramref name="format"/>; deleted when disposed.</summary>
    public static TempWav Wav(WaveFormat format, byte[] data)
    {
        var path = Path.Combine(Path.GetTempPath(), "tandem-rt-" + Guid.NewGuid().ToString("N") + ".wav");
        using (var writer = new WaveFileWriter(path, format))
        {
            writer.Write(data, 0, data.Length);
        }

        return new TempWav(path);
    }
}

public sealed class TempWav(string path) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose() => File.Delete(Path);
}
