namespace Tandem.Voice.Audio;

public static partial class Pcm16
{
    // input_audio_buffer.append accepts at most 15 MiB of base64 per event; frames stay far below it.
    private const int MaxFrameMilliseconds = 1000;
    private const int MinFrameMilliseconds = 10;

    /// <summary>
    /// Base64 frames of PCM16 for <c>input_audio_buffer.append</c> {audio}: each frame is
    /// <paramref name="frameMilliseconds"/> long (the last may be shorter), little-endian, mono.
    /// </summary>
    /// <param name="samples">Mono PCM16 at <paramref name="sampleRate"/>.</param>
    /// <param name="sampleRate">The rate of <paramref name="samples"/> (24 kHz for the Realtime API).</param>
    /// <param name="frameMilliseconds">Frame length, 10 to 1000 ms (the Realtime guides use 20–100 ms).</param>
    public static IEnumerable<string> ToBase64Frames(ReadOnlyMemory<short> samples, int sampleRate, int frameMilliseconds)
    {
        var frameSamples = FrameSamples(sampleRate, frameMilliseconds);
        return Iterate(samples, frameSamples);

        static IEnumerable<string> Iterate(ReadOnlyMemory<short> samples, int frameSamples)
        {
            for (var offset = 0; offset < samples.Length; offset += frameSamples)
            {
                var count = Math.Min(frameSamples, samples.Length - offset);
                yield return Convert.ToBase64String(ToBytes(samples.Span.Slice(offset, count)));
            }
        }
    }

    /// <summary>Samples per frame of <paramref name="frameMilliseconds"/> at <paramref name="sampleRate"/>.</summary>
    public static int FrameSamples(int sampleRate, int frameMilliseconds)
    {
        ValidateRate(sampleRate);
        if (frameMilliseconds is < MinFrameMilliseconds or > MaxFrameMilliseconds)
        {
            throw new ArgumentOutOfRangeException(
                nameof(frameMilliseconds),
                frameMilliseconds,
                $"An audio frame must be {MinFrameMilliseconds} to {MaxFrameMilliseconds} ms long.");
        }

        return (int)((long)sampleRate * frameMilliseconds / 1000);
    }

    internal static IEnumerable<string> Base64Frames(ReadOnlyMemory<byte> bytes, int frameBytes)
    {
        for (var offset = 0; offset < bytes.Length; offset += frameBytes)
        {
            var count = Math.Min(frameBytes, bytes.Length - offset);
            yield return Convert.ToBase64String(bytes.Span.Slice(offset, count));
        }
    }
}
