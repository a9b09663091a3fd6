using Tandem.Voice.Recognition;
using static Tandem.Voice.Tests.Recognition.SignalGenerator;

namespace Tandem.Voice.Tests.Recognition;

public sealed class VoiceActivityDetectorTests
{
    private const int Rate = 24000;
    private const int Frame = VoiceActivityDetector.FrameMs;

    [Fact]
    public void Append_ToneBurstBetweenSilences_ReportsStartAndStopWithinAFrame()
    {
        var audio = Concat(Silence(Rate, 1000), Tone(Rate, 1000, 440, -20), Silence(Rate, 1500));

        var events = Run(new VoiceActivityDetectionOptions(), audio);

        Assert.Collection(
            events,
            e => AssertNear(1000 - 300, Assert.IsType<SpeechStarted>(e).AudioStartMs),
            e =>
            {
                var stopped = Assert.IsType<SpeechStopped>(e);
                AssertNear(700, stopped.AudioStartMs);
                AssertNear(2000 + 500, stopped.AudioEndMs);
                Assert.Equal(Samples(Rate, (int)(stopped.AudioEndMs - stopped.AudioStartMs)), stopped.Audio.Length);
            });
    }

    [Fact]
    public void Append_ToneBurst_SegmentAudioIsTheInputBetweenStartAndEnd()
    {
        var audio = Concat(Silence(Rate, 800), Tone(Rate, 600, 300, -25), Silence(Rate, 900));

        var stopped = Run(new VoiceActivityDetectionOptions(), audio).OfType<SpeechStopped>().Single();

        var start = Samples(Rate, (int)stopped.AudioStartMs);
        Assert.Equal(audio.AsSpan(start, stopped.Audio.Length).ToArray(), stopped.Audio.ToArray());
    }

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(300, 700)]
    [InlineData(800, 200)]
    [InlineData(1500, 0)] // more padding than audio before the speech: the segment starts at 0
    public void Append_PrefixPadding_MovesTheStartEarlierByThePadding(int paddingMs, int expectedStartMs)
    {
        var audio = Concat(Silence(Rate, 1000), Tone(Rate, 500, 440, -20), Silence(Rate, 1000));
        var options = new VoiceActivityDetectionOptions { PrefixPaddingMs = paddingMs };

        var stopped = Run(options, audio).OfType<SpeechStopped>().Single();

        AssertNear(expectedStartMs, stopped.AudioStartMs);
        Assert.Equal(Samples(Rate, (int)(stopped.AudioEndMs - stopped.AudioStartMs)), stopped.Audio.Length);
    }

    [Theory]
    [InlineData(400, 1)] // a pause shorter than the silence duration does not end speech
    [InlineData(600, 2)]
    public void Append_PauseBetweenBursts_SplitsOnlyWhenLongerThanTheSilenceDuration(int pauseMs, int segments)
    {
        var audio = Concat(Silence(Rate, 500), Tone(Rate, 400, 440, -20), Silence(Rate, pauseMs), Tone(Rate, 400, 440, -20), Silence(Rate, 1000));

        var events = Run(new VoiceActivityDetectionOptions { SilenceDurationMs = 500 }, audio);

        Assert.Equal(segments, events.OfType<SpeechStopped>().Count());
        Assert.Equal(segments, events.OfType<SpeechStarted>().Count());
    }

    [Fact]
    public void Append_SecondSegmentWithinThePadding_StartsWhereTheFirstEnded()
    {
        // The second burst's padding would reach back into the first segment: audio is committed once.
        var audio = Concat(Silence(Rate, 500), Tone(Rate, 400, 440, -20), Silence(Rate, 600), Tone(Rate, 400, 440, -20), Silence(Rate, 1000));

        var stops = Run(new VoiceActivityDetectionOptions { SilenceDurationMs = 500, PrefixPaddingMs = 300 }, audio).OfType<SpeechStopped>().ToList();

        Assert.Equal(2, stops.Count);
        AssertNear(900 + 500, stops[0].AudioEndMs);
        Assert.Equal(stops[0].AudioEndMs, stops[1].AudioStartMs);
    }

    [Theory]
    [InlineData(0.5, 1)] // −40 dBFS is above the absolute level at 0.5 (−45 dBFS)
    [InlineData(0.8, 0)] // and below it at 0.8 (−30 dBFS)
    public void Append_QuietTone_IsSpeechOnlyBelowAHighThreshold(double threshold, int segments)
    {
        var audio = Concat(Silence(Rate, 500), Tone(Rate, 600, 440, -40), Silence(Rate, 1000));

        var events = Run(new VoiceActivityDetectionOptions { Threshold = threshold }, audio);

        Assert.Equal(segments, events.OfType<SpeechStopped>().Count());
    }

    [Fact]
    public void Append_ToneOverSteadyNoise_IsDetectedAboveTheNoiseFloor()
    {
        // Noise at −50 dBFS for 3 s (the floor estimate settles on it), then a −30 dBFS tone over it.
        var noise = Noise(Rate, 5000, -50, seed: 1);
        var tone = Concat(Silence(Rate, 3000), Tone(Rate, 500, 440, -30), Silence(Rate, 1500));
        var audio = noise.Zip(tone, (n, t) => (short)(n + t)).ToArray();

        var events = Run(new VoiceActivityDetectionOptions(), audio);

        var stopped = Assert.Single(events.OfType<SpeechStopped>());
        AssertNear(3000 - 300, stopped.AudioStartMs);
        AssertNear(3500 + 500, stopped.AudioEndMs);
    }

    [Fact]
    public void Append_NoiseBurst_IsDetectedLikeATone()
    {
        var audio = Concat(Silence(Rate, 700), Noise(Rate, 300, -25, seed: 2), Silence(Rate, 800));

        var stopped = Assert.Single(Run(new VoiceActivityDetectionOptions(), audio).OfType<SpeechStopped>());

        AssertNear(400, stopped.AudioStartMs);
        AssertNear(1500, stopped.AudioEndMs);
    }

    [Fact]
    public void Append_SteadyNoiseAboveTheAbsoluteLevel_EndsOnceTheNoiseFloorCatchesUp()
    {
        // Documented limit: loud steady noise from the start is taken for speech until the 2 s floor window fills with it.
        var audio = Noise(Rate, 6000, -40, seed: 3);

        var events = Run(new VoiceActivityDetectionOptions(), audio);

        var stopped = Assert.Single(events.OfType<SpeechStopped>());
        Assert.InRange(stopped.AudioEndMs, 2000, VoiceActivityDetector.NoiseWindowMs + 500 + (2 * Frame));
    }

    [Fact]
    public void Append_ShortClick_IsNotSpeech()
    {
        // Two loud frames are less than the 30 ms onset.
        var audio = Concat(Silence(Rate, 500), Tone(Rate, 20, 1000, -10), Silence(Rate, 1000));

        Assert.Empty(Run(new VoiceActivityDetectionOptions(), audio));
    }

    [Fact]
    public void Append_ArbitraryChunkSizes_GiveIdenticalEvents()
    {
        var audio = Concat(
            Silence(Rate, 730), Tone(Rate, 410, 440, -22), Silence(Rate, 655), Noise(Rate, 380, -28, seed: 4), Silence(Rate, 612),
            Tone(Rate, 500, 200, -35), Silence(Rate, 900));
        var whole = Describe(Run(new VoiceActivityDetectionOptions(), audio));
        Assert.Equal(6, whole.Count);

        var random = new Random(5);
        foreach (var maxChunk in new[] { 1, 7, 240, 241, 4800, 100_000 })
        {
            var detector = new VoiceActivityDetector(new VoiceActivityDetectionOptions());
            var events = new List<VoiceActivityEvent>();
            for (var offset = 0; offset < audio.Length;)
            {
                var size = Math.Min(audio.Length - offset, random.Next(1, maxChunk + 1));
                events.AddRange(detector.Append(audio.AsSpan(offset, size)));
                offset += size;
            }

            Assert.Equal(whole, Describe(events));
        }
    }

    [Fact]
    public void Flush_DuringSpeech_EndsTheSegmentAtTheEndOfTheAudio()
    {
        var detector = new VoiceActivityDetector(new VoiceActivityDetectionOptions());
        var audio = Concat(Silence(Rate, 1000), Tone(Rate, 505, 440, -20)); // ends mid-frame
        Assert.IsType<SpeechStarted>(Assert.Single(detector.Append(audio)));

        var stopped = detector.Flush();

        Assert.NotNull(stopped);
        Assert.Equal(1505, stopped.AudioEndMs);
        Assert.Equal(audio.Length - Samples(Rate, 700), stopped.Audio.Length);
        Assert.False(detector.InSpeech);
        Assert.Null(detector.Flush());
    }

    [Fact]
    public void Flush_WhenIdle_ReturnsNull()
    {
        var detector = new VoiceActivityDetector(new VoiceActivityDetectionOptions());
        detector.Append(Silence(Rate, 300));

        Assert.Null(detector.Flush());
    }

    [Fact]
    public void Clear_DuringSpeech_DropsTheSegmentWithoutAnEventAndKeepsTheClock()
    {
        var detector = new VoiceActivityDetector(new VoiceActivityDetectionOptions());
        detector.Append(Concat(Silence(Rate, 500), Tone(Rate, 300, 440, -20)));
        Assert.True(detector.InSpeech);

        detector.Clear();
        var after = detector.Append(Concat(Silence(Rate, 1000), Tone(Rate, 300, 440, -20), Silence(Rate, 800)));

        Assert.False(detector.InSpeech);
        Assert.Equal(2, after.Count);
        AssertNear(1800 - 300, Assert.IsType<SpeechStarted>(after[0]).AudioStartMs);
        Assert.Equal(2900, detector.AudioMs);
    }

    [Theory]
    [InlineData(-0.1, 300, 500, 24000)]
    [InlineData(1.1, 300, 500, 24000)]
    [InlineData(double.NaN, 300, 500, 24000)]
    [InlineData(0.5, -1, 500, 24000)]
    [InlineData(0.5, 300, 0, 24000)]
    [InlineData(0.5, 300, 500, 22050)]
    [InlineData(0.5, 300, 500, 4000)]
    public void Constructor_OptionOutOfRange_Throws(double threshold, int padding, int silence, int rate)
    {
        var options = new VoiceActivityDetectionOptions { Threshold = threshold, PrefixPaddingMs = padding, SilenceDurationMs = silence, SampleRate = rate };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new VoiceActivityDetector(options));

        Assert.Contains("VAD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_SpokenPhrasesWithAPause_GiveOneSegmentPerPhrase()
    {
        SpeechSynthesis.RequireTools();
        var first = SpeechSynthesis.Speak("four one five", Rate);
        var second = SpeechSynthesis.Speak("nine two", Rate);
        var audio = Concat(Silence(Rate, 600), first, Silence(Rate, 1200), second, Silence(Rate, 900));
        var secondStartMs = 600 + (first.Length * 1000L / Rate) + 1200;

        var stops = Run(new VoiceActivityDetectionOptions(), audio).OfType<SpeechStopped>().ToList();

        // espeak-ng's gaps between words are shorter than 500 ms; the 1.2 s pause is not.
        Assert.Equal(2, stops.Count);
        Assert.InRange(stops[0].AudioStartMs, 600 - 300 - Frame, 600 + 300);
        Assert.True(stops[0].AudioEndMs <= secondStartMs, "the first segment runs into the second phrase");
        Assert.InRange(stops[1].AudioStartMs, stops[0].AudioEndMs, secondStartMs + 300);
        Assert.True(stops[1].AudioEndMs <= audio.Length * 1000L / Rate);
    }

    private static List<VoiceActivityEvent> Run(VoiceActivityDetectionOptions options, short[] audio)
    {
        var detector = new VoiceActivityDetector(options);
        return [.. detector.Append(audio)];
    }

    // Records compare ReadOnlyMemory by reference: describe the audio by content instead.
    private static List<string> Describe(IEnumerable<VoiceActivityEvent> events) =>
        [.. events.Select(e => e switch
        {
            SpeechStopped s => $"stopped {s.AudioStartMs}-{s.AudioEndMs} {s.Audio.Length} {Checksum(s.Audio.Span)}",
            _ => e.ToString(),
        })];

    private static long Checksum(ReadOnlySpan<short> samples)
    {
        long sum = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            sum = (sum * 31) + samples[i];
        }

        return sum;
    }

    private static void AssertNear(long expectedMs, long actualMs) =>
        Assert.True(Math.Abs(expectedMs - actualMs) <= Frame, $"expected {expectedMs} ms ± {Frame}, got {actualMs} ms");
}
