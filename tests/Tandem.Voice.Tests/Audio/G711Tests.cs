using NAudio.Codecs;
using Tandem.Voice.Audio;

namespace Tandem.Voice.Tests.Audio;

public sealed class G711Tests
{
    [Theory]
    [InlineData((short)0, 0xFF)]
    [InlineData((short)-1, 0x7F)]
    [InlineData((short)32767, 0x80)]
    [InlineData((short)-32767, 0x00)]
    [InlineData((short)1000, 0xCE)]
    public void MuLawEncode_KnownVectors_MatchG711(short sample, int expected) =>
        Assert.Equal((byte)expected, G711.MuLawEncode(sample));

    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x00, -32124)]
    [InlineData(0x80, 32124)]
    [InlineData(0xCE, 988)]
    public void MuLawDecode_KnownVectors_MatchG711(int encoded, short expected) =>
        Assert.Equal(expected, G711.MuLawDecode((byte)encoded));

    [Theory]
    [InlineData((short)0, 0xD5)]
    [InlineData((short)-1, 0x55)]
    [InlineData((short)32767, 0xAA)]
    [InlineData((short)-32767, 0x2A)]
    [InlineData((short)1000, 0xFA)]
    public void ALawEncode_KnownVectors_MatchG711(short sample, int expected) =>
        Assert.Equal((byte)expected, G711.ALawEncode(sample));

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0xFA, 1008)]
    public void ALawDecode_KnownVectors_MatchG711(int encoded, short expected) =>
        Assert.Equal(expected, G711.ALawDecode((byte)encoded));

    [Fact]
    public void Encode_EveryNonNegativeSample_MatchesNAudio()
    {
        for (var x = 0; x <= short.MaxValue; x++)
        {
            Assert.Equal(MuLawEncoder.LinearToMuLawSample((short)x), G711.MuLawEncode((short)x));
            Assert.Equal(ALawEncoder.LinearToALawSample((short)x), G711.ALawEncode((short)x));
        }
    }

    [Fact]
    public void Encode_EveryNegativeSample_MirrorsItsOnesComplement()
    {
        // G.191 folds a negative sample x onto -x - 1 and flips only the sign bit.
        for (int x = short.MinValue; x < 0; x++)
        {
            var mirror = (short)(-x - 1);
            Assert.Equal(G711.MuLawEncode(mirror) ^ 0x80, G711.MuLawEncode((short)x));
            Assert.Equal(G711.ALawEncode(mirror) ^ 0x80, G711.ALawEncode((short)x));
        }
    }

    [Theory]
    [InlineData((short)-31744, 0x2B)]
    [InlineData((short)-1024, 0x7A)]
    public void ALawEncode_NegativeDecisionBoundary_FollowsG191(short sample, int expected) =>
        Assert.Equal((byte)expected, G711.ALawEncode(sample));

    [Fact]
    public void Decode_EveryByte_MatchesNAudioExceptMuLawNegativeZero()
    {
        // NAudio's µ-law table decodes 0x7F ("negative zero") as -1; G.711 and G.191 give 0.
        for (var b = 0; b < 256; b++)
        {
            Assert.Equal(b == 0x7F ? (short)0 : MuLawDecoder.MuLawToLinearSample((byte)b), G711.MuLawDecode((byte)b));
            Assert.Equal(ALawDecoder.ALawToLinearSample((byte)b), G711.ALawDecode((byte)b));
        }
    }

    [Fact]
    public void Encode_MinValue_ClipsToLoudestNegativeCode()
    {
        Assert.Equal(-32124, G711.MuLawDecode(G711.MuLawEncode(short.MinValue)));
        Assert.Equal(-32256, G711.ALawDecode(G711.ALawEncode(short.MinValue)));
    }

    [Fact]
    public void MuLawRoundTrip_EverySample_ErrorWithinHalfAStep()
    {
        // A µ-law segment's step is 1/16 of its biased magnitude, so the error is at most 1/32 of it; past the
        // clip level (32124 decoded) the overshoot adds on top.
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            var magnitude = Math.Abs(x);
            var error = Math.Abs(G711.MuLawDecode(G711.MuLawEncode((short)x)) - x);
            var bound = ((Math.Min(magnitude, 32124) + 132) / 32.0) + Math.Max(0, magnitude - 32124);
            Assert.True(error <= bound, $"µ-law round trip of {x} is off by {error} (bound {bound}).");
        }
    }

    [Fact]
    public void ALawRoundTrip_EverySample_ErrorWithinHalfAStep()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            var error = Math.Abs(G711.ALawDecode(G711.ALawEncode((short)x)) - x);
            var bound = Math.Max(8, Math.Abs(x) / 32.0);
            Assert.True(error <= bound, $"A-law round trip of {x} is off by {error} (bound {bound}).");
        }
    }

    [Fact]
    public void EncodeDecode_Spans_MatchTheScalarCoders()
    {
        short[] samples = [0, 1, -1, 1000, -1000, 32767, -32768, 12345];
        var mu = G711.EncodeMuLaw(samples);
        var a = G711.EncodeALaw(samples);
        Assert.Equal(samples.Select(G711.MuLawEncode), mu);
        Assert.Equal(samples.Select(G711.ALawEncode), a);
        Assert.Equal(mu.Select(G711.MuLawDecode), G711.DecodeMuLaw(mu));
        Assert.Equal(a.Select(G711.ALawDecode), G711.DecodeALaw(a));
    }

    [Fact]
    public void ToBase64Frames_TwentyMilliseconds_Gives160BytesPerFrame()
    {
        var encoded = Enumerable.Range(0, 400).Select(i => (byte)i).ToArray();
        var frames = G711.ToBase64Frames(encoded, 20).ToList();
        Assert.Equal([160, 160, 80], frames.Select(f => Convert.FromBase64String(f).Length));
        Assert.Equal(encoded, frames.SelectMany(Convert.FromBase64String));
    }
}
