using Tandem.Voice.Audio;

namespace Tandem.Server.Tests.Realtime.Support;

/// <summary>Synthetic 24 kHz audio: digital silence and tone bursts, cut into append frames.</summary>
public static class TestSignals
{
    public const int Rate = 24000;

    public static short[] Silence(int milliseconds) => new short[Rate * milliseconds / 1000];

    /// <summary>A sine at <paramref name="hz"/> of amplitude <paramref name="amplitude"/> (of 32767).</summary>
    public static short[] Tone(int milliseconds, double hz = 440, short amplitude = 8000, int rate = Rate)
    {
        var samples = new short[rate * milliseconds / 1000];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(Math.Sin(2 * Math.PI * hz * i / rate) * amplitude);
        }

        return samples;
    }

    public static short[] Concat(params short[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>Base64 PCM16 append frames of <paramref name="frameMs"/>.</summary>
    public static IEnumerable<string> Frames(short[] samples, int frameMs = 100) => Pcm16.ToBase64Frames(samples, Rate, frameMs);

    /// <summary>The dominant frequency by zero crossings (enough to tell a 440 Hz tone from another).</summary>
    public static double ZeroCrossingHz(ReadOnlySpan<short> samples, int rate = Rate)
    {
        var crossings = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            if ((samples[i - 1] < 0) != (samples[i] < 0))
            {
                crossings++;
            }
        }

        return crossings / 2.0 / (samples.Length / (double)rate);
    }
}
