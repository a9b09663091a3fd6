using System.Buffers.Binary;

namespace Tandem.Voice.Audio;

/// <summary>
/// Helpers for 16-bit signed little-endian mono PCM, the Realtime API's <c>audio/pcm</c> format: reading any common
/// WAV into it at a chosen rate, writing it as WAV, resampling, durations, and framing it for
/// <c>input_audio_buffer.append</c>.
/// </summary>
public static partial class Pcm16
{
    /// <summary>The Realtime API's PCM rate.</summary>
    public const int RealtimeSampleRate = 24000;

    /// <summary>The rate the offline recogniser (and most ASR models) expects.</summary>
    public const int AsrSampleRate = 16000;

    /// <summary>Narrow-band telephone audio (G.711).</summary>
    public const int TelephoneSampleRate = 8000;

    /// <summary>Little-endian bytes of the samples (what <c>audio/pcm</c> carries).</summary>
    public static byte[] ToBytes(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), samples[i]);
        }

        return bytes;
    }

    /// <summary>Samples from little-endian bytes; an odd byte count is an error (a torn sample).</summary>
    public static short[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 2 != 0)
        {
            throw new ArgumentException($"PCM16 needs an even number of bytes; got {bytes.Length}.", nameof(bytes));
        }

        var samples = new short[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(i * 2)..]);
        }

        return samples;
    }

    /// <summary>How long <paramref name="sampleCount"/> mono samples last at <paramref name="sampleRate"/>.</summary>
    public static TimeSpan Duration(long sampleCount, int sampleRate)
    {
        ValidateRate(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        return TimeSpan.FromTicks(sampleCount * TimeSpan.TicksPerSecond / sampleRate);
    }

    /// <summary>The duration in whole milliseconds (rounded down), the unit the corpus manifest uses.</summary>
    public static int DurationMilliseconds(long sampleCount, int sampleRate)
    {
        ValidateRate(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        return checked((int)(sampleCount * 1000 / sampleRate));
    }

    /// <summary>How many samples <paramref name="duration"/> lasts at <paramref name="sampleRate"/> (rounded to nearest).</summary>
    public static long SampleCount(TimeSpan duration, int sampleRate)
    {
        ValidateRate(sampleRate);
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A duration cannot be negative.");
        }

        return (duration.Ticks * sampleRate + TimeSpan.TicksPerSecond / 2) / TimeSpan.TicksPerSecond;
    }

    internal static void ValidateRate(int sampleRate, string name = "sampleRate")
    {
        // 1 kHz to 384 kHz covers everything from G.711 to studio audio; anything else is a unit mistake (e.g. kHz).
        if (sampleRate is < 1000 or > 384_000)
        {
            throw new ArgumentOutOfRangeException(name, sampleRate, "A sample rate must be between 1000 and 384000 Hz.");
        }
    }
}
