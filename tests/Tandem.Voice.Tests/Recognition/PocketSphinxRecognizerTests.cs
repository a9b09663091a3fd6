using Tandem.Voice.Recognition;
using static Tandem.Voice.Tests.Recognition.RecognitionTestSupport;

namespace Tandem.Voice.Tests.Recognition;

public sealed class PocketSphinxRecognizerTests
{
    private const int Rate = 24000;

    [Theory]
    [InlineData("four one five, five five zero, one two three", "four one five five five zero one two three")]
    [InlineData("seven three nine two", "seven three nine two")]
    [InlineData("two zero four seven", "two zero four seven")]
    [InlineData("my number is six one seven four", "my number is six one seven four")]
    public async Task RecognizeAsync_CleanDigitStringAt24kHz_GrammarRecognisesItExactly(string spoken, string expected)
    {
        Require();
        using var recognizer = new PocketSphinxRecognizer(RecognizerProfiles.SphinxAlnumName);

        var result = await recognizer.RecognizeAsync(SpeechSynthesis.Speak(spoken, Rate), Rate, TestContext.Current.CancellationToken);

        Assert.Equal(expected, result.Text);
    }

    [Fact]
    public async Task RecognizeAsync_DigitsAt16kHz_GrammarRecognisesThemWithoutResampling()
    {
        Require();
        using var recognizer = new PocketSphinxRecognizer(RecognizerProfiles.SphinxAlnumName);

        var result = await recognizer.RecognizeAsync(SpeechSynthesis.Speak("eight six zero four one", 16000), 16000, TestContext.Current.CancellationToken);

        Assert.Equal("eight six zero four one", result.Text);
    }

    [Fact]
    public async Task RecognizeAsync_NatoWords_GrammarRecognisesThemExactly()
    {
        Require();
        using var recognizer = new PocketSphinxRecognizer(RecognizerProfiles.SphinxAlnumName);

        var result = await recognizer.RecognizeAsync(SpeechSynthesis.Speak("x-ray yankee zulu four", Rate), Rate, TestContext.Current.CancellationToken);

        Assert.Equal("x-ray yankee zulu four", result.Text);
    }

    [Fact]
    public async Task RecognizeAsync_SpelledLetters_GrammarStaysWithinAnErrorBound()
    {
        // Single letters are where PocketSphinx is weak (measured: "b … k" heard as "z … j"): bound the error, don't demand exactness.
        Require();
        using var recognizer = new PocketSphinxRecognizer(RecognizerProfiles.SphinxAlnumName);
        const string Expected = "b as in bravo seven k nine";

        var result = await recognizer.RecognizeAsync(SpeechSynthesis.Speak("B as in bravo, seven, K, nine", Rate), Rate, TestContext.Current.CancellationToken);

        var error = WordErrorRate(Expected, result.Text);
        Assert.True(error <= 0.5, $"'{result.Text}' has a word error rate of {error:0.00} against '{Expected}'");
    }

    [Fact]
    public async Task RecognizeAsync_LanguageModel_ReturnsTextWithTimedWordsAndConfidences()
    {
        Require();
        using var recognizer = new PocketSphinxRecognizer(RecognizerProfiles.SphinxLmName);
        var audio = SpeechSynthesis.Speak("seven three nine two", Rate);
        var durationMs = audio.Length * 1000 / Rate;

        var result = await recognizer.RecognizeAsync(audio, Rate, TestContext.Current.CancellationToken);

        Assert.Equal(RecognizerProfiles.SphinxLmName, recognizer.ModelName);
        Assert.NotEmpty(result.Text);
        Assert.Equal(result.Text, string.Join(' ', result.Words.Select(w => w.Word)));
        Assert.All(result.Words, w =>
        {
            Assert.InRange(w.StartMs, 0, w.EndMs - 1);
            Assert.InRange(w.EndMs, 1, durationMs + 10);
            Assert.InRange(w.Confidence!.Value, 0, 1);
        });
        Assert.Equal(result.Words.OrderBy(w => w.StartMs), result.Words);
        Assert.InRange(result.Confidence!.Value, 0, 1);
    }

    [Fact]
    public async Task RecognizeAsync_Grammar_ReportsNoConfidenceRatherThanAFalseOne()
    {
        Require();
        using var recognizer = new PocketSphinxRecognizer(RecognizerProfiles.SphinxAlnumName);

        var result = await recognizer.RecognizeAsync(SpeechSynthesis.Speak("nine one one", Rate), Rate, TestContext.Current.CancellationToken);

        Assert.NotEmpty(result.Words);
        Assert.All(result.Words, w => Assert.Null(w.Confidence));
        Assert.Null(result.Confidence);
    }

    [Fact]
    public async Task RecognizeAsync_EmptyAudio_ThrowsNamingIt()
    {
        RecognitionTestSupport.RequirePocketSphinx();
        using var recognizer = new PocketSphinxRecognizer(RecognizerProfiles.SphinxAlnumName);

        var error = await Assert.ThrowsAsync<ArgumentException>(
            async () => await recognizer.RecognizeAsync(ReadOnlyMemory<short>.Empty, Rate, TestContext.Current.CancellationToken));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-16000)]
    [InlineData(4000)]
    [InlineData(500_000)]
    public async Task RecognizeAsync_SampleRateOutOfRange_ThrowsNamingIt(int sampleRate)
    {
        RecognitionTestSupport.RequirePocketSphinx();
        using var recognizer = new PocketSphinxRecognizer(RecognizerProfiles.SphinxAlnumName);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            async () => await recognizer.RecognizeAsync(new short[16000], sampleRate, TestContext.Current.CancellationToken));

        Assert.Equal("sampleRate", error.ParamName);
        Assert.Contains("sample rate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecognizeAsync_LongerThanTheMaximum_Throws()
    {
        RecognitionTestSupport.RequirePocketSphinx();
        using var recognizer = new PocketSphinxRecognizer(RecognizerProfiles.SphinxAlnum, new PocketSphinxOptions { MaxAudioDuration = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<ArgumentException>(
            async () => await recognizer.RecognizeAsync(new short[Rate * 2], Rate, TestContext.Current.CancellationToken));

        Assert.Contains("at most 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecognizeAsync_CancelledToken_ThrowsAndLeavesTheRecognizerUsable()
    {
        Require();
        using var recognizer = new PocketSphinxRecognizer(RecognizerProfiles.SphinxAlnum, new PocketSphinxOptions { MaxConcurrentDecoders = 1 });
        var audio = SpeechSynthesis.Speak("nine one one", Rate);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await recognizer.RecognizeAsync(audio, Rate, new CancellationToken(canceled: true)));
        var result = await recognizer.RecognizeAsync(audio, Rate, TestContext.Current.CancellationToken);

        Assert.Equal("nine one one", result.Text);
    }

    [Fact]
    public async Task RecognizeAsync_SameAudioAfterOtherAudio_GivesTheSameResult()
    {
        // One decoder hears everything: nothing from one utterance may leak into the next (live CMN, noise estimates, VAD state would).
        Require();
        using var recognizer = new PocketSphinxRecognizer(RecognizerProfiles.SphinxLm, new PocketSphinxOptions { MaxConcurrentDecoders = 1 });
        var audio = SpeechSynthesis.Speak("four one five, five five zero", Rate);
        var ct = TestContext.Current.CancellationToken;

        var first = await recognizer.RecognizeAsync(audio, Rate, ct);
        await recognizer.RecognizeAsync(SpeechSynthesis.Speak("double five triple seven", Rate), Rate, ct);
        await recognizer.RecognizeAsync(SpeechSynthesis.Speak("alpha bravo charlie", Rate, voice: "en-us"), Rate, ct);
        var again = await recognizer.RecognizeAsync(audio, Rate, ct);

        Assert.Equal(first.Words, again.Words);
        Assert.Equal(first.Confidence, again.Confidence);
    }

    [Fact]
    public async Task RecognizeAsync_ConcurrentCalls_GiveTheSameResultsAsSequentialOnes()
    {
        Require();
        string[] texts = ["seven three nine two", "x-ray yankee zulu four", "double five triple seven", "two zero four seven"];
        var audio = texts.Select(t => SpeechSynthesis.Speak(t, Rate)).ToArray();
        var ct = TestContext.Current.CancellationToken;

        // The language model, whose posteriors would show any difference between decoders' histories.
        var expected = new List<RecognitionResult>();
        using (var sequential = new PocketSphinxRecognizer(RecognizerProfiles.SphinxLm, new PocketSphinxOptions { MaxConcurrentDecoders = 1 }))
        {
            foreach (var a in audio)
            {
                expected.Add(await sequential.RecognizeAsync(a, Rate, ct));
            }
        }

        using var concurrent = new PocketSphinxRecognizer(RecognizerProfiles.SphinxLm, new PocketSphinxOptions { MaxConcurrentDecoders = 2 });
        var results = await Task.WhenAll(Enumerable.Range(0, 2 * audio.Length)
            .Select(i => concurrent.RecognizeAsync(audio[i % audio.Length], Rate, ct).AsTask()));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % audio.Length].Words, results[i].Words);
        }
    }

    [Fact]
    public async Task RecognizeAsync_SegmentsFromTheVoiceActivityDetector_AreRecognisedPerPhrase()
    {
        Require();
        var audio = SignalGenerator.Concat(
            SignalGenerator.Silence(Rate, 500), SpeechSynthesis.Speak("four one five", Rate),
            SignalGenerator.Silence(Rate, 1000), SpeechSynthesis.Speak("nine two", Rate),
            SignalGenerator.Silence(Rate, 800));
        var detector = new VoiceActivityDetector(new VoiceActivityDetectionOptions());
        var segments = detector.Append(audio).OfType<SpeechStopped>().ToList();
        using var recognizer = new PocketSphinxRecognizer(RecognizerProfiles.SphinxAlnumName);

        var texts = new List<string>();
        foreach (var segment in segments)
        {
            texts.Add((await recognizer.RecognizeAsync(segment.Audio, Rate, TestContext.Current.CancellationToken)).Text);
        }

        Assert.Equal(["four one five", "nine two"], texts);
    }

    [Fact]
    public void Constructor_UnknownModelName_ThrowsListingTheBuiltInOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer("whisper-large"));

        Assert.Contains("whisper-large", error.Message, StringComparison.Ordinal);
        Assert.Contains("sphinx-lm, sphinx-alnum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingModelDirectory_ThrowsNamingTheFileAndThePackages()
    {
        RecognitionTestSupport.RequirePocketSphinx();
        var missing = Path.Combine(Path.GetTempPath(), "no-such-pocketsphinx-model-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<FileNotFoundException>(
            () => new PocketSphinxRecognizer(RecognizerProfiles.SphinxLm, new PocketSphinxOptions { ModelDirectory = missing }));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("pocketsphinx-en-us", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_GrammarWordNotInTheDictionary_ThrowsNamingTheWord()
    {
        RecognitionTestSupport.RequirePocketSphinx();
        var profile = new RecognizerProfile { Name = "odd", Grammar = AlphanumericVocabulary.BuildJsgf("odd", [], ["one", "zorblaxian"]) };

        var error = Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(profile));

        Assert.Contains("zorblaxian", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("one,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BrokenGrammar_ThrowsNamingTheProfile()
    {
        RecognitionTestSupport.RequirePocketSphinx();
        var profile = new RecognizerProfile { Name = "broken", Grammar = "#JSGF V1.0;\ngrammar broken;\npublic <x> = one ( two ;\n" };

        var error = Assert.Throws<InvalidOperationException>(() => new PocketSphinxRecognizer(profile));

        Assert.Contains("'broken'", error.Message, StringComparison.Ordinal);
        Assert.Contains("JSGF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnknownDecoderArgument_ThrowsListingTheArguments()
    {
        RecognitionTestSupport.RequirePocketSphinx();
        var profile = RecognizerProfiles.SphinxAlnum with { DecoderArguments = new Dictionary<string, string> { ["-no_such_flag"] = "1" } };

        var error = Assert.Throws<InvalidOperationException>(() => new PocketSphinxRecognizer(profile));

        Assert.Contains("-no_such_flag", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-hmm")]
    [InlineData("-samprate")]
    [InlineData("wip")]
    public void Constructor_ReservedOrMalformedDecoderArgument_Throws(string name)
    {
        RecognitionTestSupport.RequirePocketSphinx();
        var profile = RecognizerProfiles.SphinxAlnum with { DecoderArguments = new Dictionary<string, string> { [name] = "x" } };

        var error = Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(profile));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BothLanguageModelAndGrammar_Throws()
    {
        RecognitionTestSupport.RequirePocketSphinx();
        var profile = RecognizerProfiles.SphinxAlnum with { LanguageModel = "en-us.lm.bin" };

        var error = Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(profile));

        Assert.Contains("exactly one of LanguageModel and Grammar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsAvailable_MissingModelDirectory_GivesAReasonNamingThePackages()
    {
        var options = new PocketSphinxOptions { ModelDirectory = Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N")) };

        Assert.False(PocketSphinxRecognizer.IsAvailable(out var reason, options));
        Assert.Contains("pocketsphinx-en-us", reason, StringComparison.Ordinal);
    }

    private static void Require()
    {
        RecognitionTestSupport.RequirePocketSphinx();
        SpeechSynthesis.RequireTools();
    }
}
