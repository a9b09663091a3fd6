using Tandem.Voice.Corpus;
using Tandem.Voice.Tests.Audio;

namespace Tandem.Voice.Tests.Corpus;

public sealed class NoiseMixerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(20)]
    public void Mix_TargetSnr_IsMetOnTheActiveSpeech(double snrDb)
    {
        // Half a second of tone then half a second of silence: the silence must not count as "signal".
        var speech = Pcm16Tests.Tone(12000, 24000, 440, 8000).Concat(new short[12000]).ToArray();
        var mixed = NoiseMixer.Mix(speech, snrDb, new DeterministicRandom(1));
        var noise = mixed.Select((m, i) => (short)(m - speech[i])).ToArray();
        var measured = 10 * Math.Log10(Pcm16Tests.Rms(speech.AsSpan(0, 12000)) * Pcm16Tests.Rms(speech.AsSpan(0, 12000))
            / (Pcm16Tests.Rms(noise) * Pcm16Tests.Rms(noise)));
        Assert.InRange(measured, snrDb - 0.3, snrDb + 0.3);
    }

    [Fact]
    public void Mix_SameStream_SameSamples()
    {
        var speech = Pcm16Tests.Tone(4800, 24000, 300);
        Assert.Equal(NoiseMixer.Mix(speech, 10, new DeterministicRandom(7)), NoiseMixer.Mix(speech, 10, new DeterministicRandom(7)));
        Assert.NotEqual(NoiseMixer.Mix(speech, 10, new DeterministicRandom(7)), NoiseMixer.Mix(speech, 10, new DeterministicRandom(8)));
    }

    [Fact]
    public void Mix_Silence_StaysSilent()
    {
        Assert.All(NoiseMixer.Mix(new short[2400], 10, new DeterministicRandom(1)), s => Assert.Equal(0, s));
    }
}
