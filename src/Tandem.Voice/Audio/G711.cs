namespace Tandem.Voice.Audio;

/// <summary>
/// G.711 µ-law and A-law companding (the Realtime API's <c>audio/pcmu</c> and <c>audio/pcma</c>): 8-bit samples at
/// 8 kHz that carry a 14-bit (µ-law) or 13-bit (A-law) dynamic range. The encoders are the classic segment search;
/// the decoders are 256-entry tables built once from the same formula, so both directions are exact and cheap.
/// </summary>
/// <remarks>
/// Negative samples are folded with the one's complement (<c>-x - 1</c>), as the ITU-T G.191 reference coders do, so
/// <c>Encode(-x - 1) == Encode(x) ^ 0x80</c> and <see cref="short.MinValue"/> cannot overflow. NAudio's encoders negate
/// instead (<c>-x</c>): they agree on every non-negative sample but differ on negative samples that sit exactly on a
/// decision boundary, and they overflow on -32768 (encoding full-scale negative as silence).
/// </remarks>
public static class G711
{
    /// <summary>The sample rate G.711 is defined for.</summary>
    public const int SampleRate = 8000;

    // µ-law adds this bias before the segment search so every segment has the same number of steps.
    private const int MuLawBias = 0x84;

    // The largest magnitude µ-law can represent once the bias is added without overflowing the top segment.
    private const int MuLawClip = 32635;

    private static readonly short[] s_muLawDecode = BuildTable(DecodeMuLawFormula);
    private static readonly short[] s_aLawDecode = BuildTable(DecodeALawFormula);

    /// <summary>Encodes one 16-bit linear sample as µ-law.</summary>
    public static byte MuLawEncode(short sample)
    {
        int value = sample;
        var sign = value < 0 ? 0x80 : 0x00;
        if (value < 0)
        {
            value = ~value;
        }

        if (value > MuLawClip)
        {
            value = MuLawClip;
        }

        value += MuLawBias;
        var exponent = 7;
        for (var mask = 0x4000; (value & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        var mantissa = (value >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    /// <summary>Decodes one µ-law byte to a 16-bit linear sample.</summary>
    public static short MuLawDecode(byte encoded) => s_muLawDecode[encoded];

    /// <summary>Encodes one 16-bit linear sample as A-law.</summary>
    public static byte ALawEncode(short sample)
    {
        int value = sample;
        var sign = value >= 0 ? 0x80 : 0x00;
        if (value < 0)
        {
            value = ~value;
        }

        value >>= 3;
        int encoded;
        if (value < 32)
        {
            encoded = value >> 1;
        }
        else
        {
            var exponent = 1;
            for (var v = value >> 5; v > 1; v >>= 1)
            {
                exponent++;
            }

            encoded = (exponent << 4) | ((value >> exponent) & 0x0F);
        }

        return (byte)((encoded | sign) ^ 0x55);
    }

    /// <summary>Decodes one A-law byte to a 16-bit linear sample.</summary>
    public static short ALawDecode(byte encoded) => s_aLawDecode[encoded];

    /// <summary>Encodes 16-bit linear samples as µ-law, one byte per sample.</summary>
    public static byte[] EncodeMuLaw(ReadOnlySpan<short> samples)
    {
        var encoded = new byte[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            encoded[i] = MuLawEncode(samples[i]);
        }

        return encoded;
    }

    /// <summary>Decodes µ-law bytes to 16-bit linear samples.</summary>
    public static short[] DecodeMuLaw(ReadOnlySpan<byte> encoded)
    {
        var samples = new short[encoded.Length];
        for (var i = 0; i < encoded.Length; i++)
        {
            samples[i] = s_muLawDecode[encoded[i]];
        }

        return samples;
    }

    /// <summary>Encodes 16-bit linear samples as A-law, one byte per sample.</summary>
    public static byte[] EncodeALaw(ReadOnlySpan<short> samples)
    {
        var encoded = new byte[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            encoded[i] = ALawEncode(samples[i]);
        }

        return encoded;
    }

    /// <summary>Decodes A-law bytes to 16-bit linear samples.</summary>
    public static short[] DecodeALaw(ReadOnlySpan<byte> encoded)
    {
        var samples = new short[encoded.Length];
        for (var i = 0; i < encoded.Length; i++)
        {
            samples[i] = s_aLawDecode[encoded[i]];
        }

        return samples;
    }

    /// <summary>
    /// Base64 frames of G.711 bytes (8 kHz, one byte per sample) for <c>input_audio_buffer.append</c> in the
    /// <c>audio/pcmu</c> or <c>audio/pcma</c> formats; the last frame may be shorter.
    /// </summary>
    /// <param name="encoded">µ-law or A-law bytes.</param>
    /// <param name="frameMilliseconds">Frame length, 10 to 1000 ms (the Realtime guides use 20–100 ms).</param>
    public static IEnumerable<string> ToBase64Frames(ReadOnlyMemory<byte> encoded, int frameMilliseconds) =>
        Pcm16.Base64Frames(encoded, Pcm16.FrameSamples(SampleRate, frameMilliseconds));

    private static short[] BuildTable(Func<byte, short> decode)
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            table[i] = decode((byte)i);
        }

        return table;
    }

    private static short DecodeMuLawFormula(byte encoded)
    {
        int value = ~encoded & 0xFF;
        var exponent = (value >> 4) & 0x07;
        var mantissa = value & 0x0F;
        var magnitude = (((mantissa << 3) + MuLawBias) << exponent) - MuLawBias;
        return (short)((value & 0x80) != 0 ? -magnitude : magnitude);
    }

    private static short DecodeALawFormula(byte encoded)
    {
        int value = encoded ^ 0x55;
        var exponent = (value >> 4) & 0x07;
        var mantissa = value & 0x0F;
        var magnitude = exponent == 0
            ? (mantissa << 4) + 8
            : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (short)((value & 0x80) != 0 ? magnitude : -magnitude);
    }
}
