using System.Buffers.Binary;
using NAudio.Wave;

namespace Tandem.Voice.Audio;

public static partial class Pcm16
{
    private static readonly Guid s_pcmSubFormat = new("00000001-0000-0010-8000-00aa00389b71");
    private static readonly Guid s_floatSubFormat = new("00000003-0000-0010-8000-00aa00389b71");

    /// <summary>
    /// Reads a WAV file as mono PCM16 at <paramref name="sampleRate"/>: PCM 8/16/24/32-bit, IEEE float 32-bit,
    /// µ-law and A-law, at any rate and channel count (channels are averaged).
    /// </summary>
    /// <exception cref="NotSupportedException">The WAV holds another encoding (ADPCM, MP3, …); the message names it.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable WAV.</exception>
    public static short[] ReadWav(string path, int sampleRate = RealtimeSampleRate)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return ReadWav(stream, sampleRate, path);
    }

    /// <inheritdoc cref="ReadWav(string, int)"/>
    public static short[] ReadWav(Stream stream, int sampleRate = RealtimeSampleRate) => ReadWav(stream, sampleRate, "the stream");

    /// <summary>Writes mono PCM16 as a canonical 44-byte-header WAV file.</summary>
    public static void WriteWav(string path, ReadOnlySpan<short> samples, int sampleRate = RealtimeSampleRate)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.Create(path);
        WriteWav(stream, samples, sampleRate);
    }

    /// <summary>Writes mono PCM16 as WAV to <paramref name="stream"/> (left open: NAudio does not own a stream it is given).</summary>
    public static void WriteWav(Stream stream, ReadOnlySpan<short> samples, int sampleRate = RealtimeSampleRate)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ValidateRate(sampleRate);
        using var writer = new WaveFileWriter(stream, new WaveFormat(sampleRate, 16, 1));
        writer.Write(ToBytes(samples));
    }

    /// <summary>The bytes of a mono PCM16 WAV file.</summary>
    public static byte[] ToWav(ReadOnlySpan<short> samples, int sampleRate = RealtimeSampleRate)
    {
        using var buffer = new MemoryStream();
        WriteWav(buffer, samples, sampleRate);
        return buffer.ToArray();
    }

    private static short[] ReadWav(Stream stream, int sampleRate, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ValidateRate(sampleRate);
        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(stream);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{source} is not a readable WAV file: {ex.Message}", ex);
        }

        using (reader)
        {
            var format = reader.WaveFormat;
            var decode = SampleDecoder(format, source);
            // NAudio trims a data chunk whose header overstates it (a writer that never finalised), so a cut-off
            // recording reads as the audio it holds.
            var data = new byte[reader.Length];
            reader.ReadExactly(data);
            var mono = Downmix(data, format, decode);
            return format.SampleRate == sampleRate ? mono : Resample(mono, format.SampleRate, sampleRate);
        }
    }

    private static Func<ReadOnlySpan<byte>, int> SampleDecoder(WaveFormat format, string source)
    {
        var encoding = format.Encoding;
        if (encoding == WaveFormatEncoding.Extensible)
        {
            var subFormat = ExtensibleSubFormat(format);
            encoding = subFormat == s_pcmSubFormat ? WaveFormatEncoding.Pcm
                : subFormat == s_floatSubFormat ? WaveFormatEncoding.IeeeFloat
                : throw new NotSupportedException(
                    $"{source}: WAV extensible sub-format {subFormat?.ToString() ?? "(missing)"} is not supported; use PCM, IEEE float, µ-law or A-law.");
        }

        if (format.Channels < 1)
        {
            throw new InvalidDataException($"{source}: a WAV with {format.Channels} channels has no audio.");
        }

        return (encoding, format.BitsPerSample) switch
        {
            (WaveFormatEncoding.Pcm, 8) => b => (b[0] - 128) << 8,
            (WaveFormatEncoding.Pcm, 16) => b => BinaryPrimitives.ReadInt16LittleEndian(b),
            (WaveFormatEncoding.Pcm, 24) => b => (short)(b[1] | (b[2] << 8)),
            (WaveFormatEncoding.Pcm, 32) => b => BinaryPrimitives.ReadInt32LittleEndian(b) >> 16,
            (WaveFormatEncoding.IeeeFloat, 32) => b => ToShort(BinaryPrimitives.ReadSingleLittleEndian(b)),
            (WaveFormatEncoding.MuLaw, 8) => b => G711.MuLawDecode(b[0]),
            (WaveFormatEncoding.ALaw, 8) => b => G711.ALawDecode(b[0]),
            _ => throw new NotSupportedException(
                $"{source}: WAV encoding {encoding} at {format.BitsPerSample} bits is not supported; " +
                "use PCM (8/16/24/32-bit), IEEE float (32-bit), µ-law or A-law."),
        };
    }

    private static Guid? ExtensibleSubFormat(WaveFormat format)
    {
        // NAudio hands back WAVE_FORMAT_EXTENSIBLE as raw extra bytes: valid bits (2), channel mask (4), sub-format GUID (16).
        return format switch
        {
            WaveFormatExtensible extensible => extensible.SubFormat,
            WaveFormatExtraData { ExtraData.Length: >= 22 } extra => new Guid(extra.ExtraData.AsSpan(6, 16)),
            _ => null,
        };
    }

    private static short[] Downmix(byte[] data, WaveFormat format, Func<ReadOnlySpan<byte>, int> decode)
    {
        var sampleBytes = format.BitsPerSample / 8;
        var channels = format.Channels;
        var frameBytes = sampleBytes * channels;
        var frames = data.Length / frameBytes;
        var mono = new short[frames];
        for (var frame = 0; frame < frames; frame++)
        {
            var sum = 0L;
            for (var channel = 0; channel < channels; channel++)
            {
                sum += decode(data.AsSpan((frame * frameBytes) + (channel * sampleBytes), sampleBytes));
            }

            mono[frame] = (short)Math.Clamp(channels == 1 ? sum : (long)Math.Round(sum / (double)channels, MidpointRounding.AwayFromZero), short.MinValue, short.MaxValue);
        }

        return mono;
    }
}
