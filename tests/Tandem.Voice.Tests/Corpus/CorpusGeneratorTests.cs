using System.Security.Cryptography;
using NAudio.Wave;
using Tandem.Voice.Audio;
using Tandem.Voice.Corpus;
using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Corpus;

public sealed class CorpusGeneratorTests
{
    private static CorpusOptions Tiny(long seed = 5) => new()
    {
        Seed = seed,
        Counts = new Dictionary<EntityKind, int>
        {
            [EntityKind.PhoneNumber] = 2,
            [EntityKind.OrderCode] = 1,
            [EntityKind.SpelledName] = 1,
            [EntityKind.Email] = 1,
        },
        Voices = [new(SpeechEngine.EspeakNg, "en-us"), new(SpeechEngine.Flite, "slt")],
        Speeds = [1.0, 1.2],
        Conditions = [AudioCondition.Clean, AudioCondition.Noisy, AudioCondition.Telephone],
        MaxDegreeOfParallelism = Environment.ProcessorCount,
    };

    [Fact]
    public void Plan_SameOptions_SameSamples()
    {
        Assert.Equal(new CorpusGenerator(Tiny()).Plan(), new CorpusGenerator(Tiny()).Plan());
        Assert.NotEqual(new CorpusGenerator(Tiny()).Plan(), new CorpusGenerator(Tiny(6)).Plan());
    }

    [Fact]
    public void Plan_Counts_GiveIdsPathsAndValuesInKindOrder()
    {
        var plan = new CorpusGenerator(Tiny()).Plan();
        Assert.Equal(["phone-0000", "phone-0001", "order-code-0000", "name-0000", "email-0000"], plan.Select(s => s.Id));
        Assert.All(plan, s => Assert.Equal("audio/" + s.Id + ".wav", s.AudioPath));
        Assert.All(plan, s => Assert.Contains(s.Style, SpokenRenderer.StylesFor(s.Kind)));
        Assert.All(plan, s => Assert.Equal(0, s.DurationMs));
        var values = new EntityValueGenerator(5);
        Assert.Equal(values.Generate(EntityKind.PhoneNumber, 1), plan[1].CanonicalValue);
    }

    [Fact]
    public void Plan_SmallCorpus_CoversEveryCombinationOnce()
    {
        var options = Tiny() with
        {
            Counts = new Dictionary<EntityKind, int> { [EntityKind.SpelledName] = 24 },
            Styles = [SpokenStyle.Nato],
        };
        var plan = new CorpusGenerator(options).Plan();
        var combinations = plan.Select(s => (s.Voice, s.Speed, s.Condition)).ToList();
        Assert.Equal(12, combinations.Distinct().Count());
        Assert.All(combinations.GroupBy(c => c), g => Assert.Equal(2, g.Count()));
        Assert.All(plan, s => Assert.Equal(SpokenStyle.Nato, s.Style));
    }

    [Fact]
    public void Plan_SpokenText_IsTheRendererSentenceForTheValue()
    {
        foreach (var sample in new CorpusGenerator(Tiny()).Plan())
        {
            var value = SpokenRenderer.RenderValue(sample.Kind, sample.CanonicalValue, sample.Style, 0);
            if (sample.Style != SpokenStyle.AsIn)
            {
                Assert.Contains(value[1..], sample.SpokenText, StringComparison.Ordinal);
            }

            Assert.EndsWith(".", sample.SpokenText, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Speeds")]
    [InlineData("Styles")]
    [InlineData("Voices")]
    [InlineData("Counts")]
    [InlineData("NoiseSnrDb")]
    public void Constructor_InvalidOptions_ThrowsNamingTheSetting(string setting)
    {
        var options = setting switch
        {
            "Speeds" => Tiny() with { Speeds = [3.0] },
            "Styles" => Tiny() with { Styles = [SpokenStyle.Nato] },
            "Voices" => Tiny() with { Voices = [new(SpeechEngine.Flite, "slt", Pitch: 50)] },
            "Counts" => Tiny() with { Counts = new Dictionary<EntityKind, int>() },
            _ => Tiny() with { NoiseSnrDb = double.NaN },
        };
        var ex = Assert.Throws<ArgumentException>(() => new CorpusGenerator(options));
        Assert.Equal(setting, ex.ParamName);
    }

    [Fact]
    public void EspeakArguments_Text_GoesThroughStdinNotTheCommandLine()
    {
        var arguments = CorpusGenerator.EspeakArguments(new CorpusVoice(SpeechEngine.EspeakNg, "en-gb-scotland", 60), 1.2, "out.wav");
        Assert.Equal(["-v", "en-gb-scotland", "-s", "210", "-p", "60", "-w", "out.wav", "--stdin"], arguments);
    }

    [Fact]
    public void FliteArguments_TextStartingWithADash_StaysOneValueOfT()
    {
        var arguments = CorpusGenerator.FliteArguments(new CorpusVoice(SpeechEngine.Flite, "slt"), 0.8, "-o /etc/passwd; rm -rf", "out.wav");
        Assert.Equal(["-voice", "slt", "--setf", "duration_stretch=1.25", "-t", "-o /etc/passwd; rm -rf", "-o", "out.wav"], arguments);
    }

    [Fact]
    public void SoxArguments_Telephone_NoDitherTempoThenBandLimitTo8kHzRaw()
    {
        var arguments = CorpusGenerator.SoxArguments("in.wav", 8000, 1.2, telephone: true);
        Assert.Equal(
            ["-D", "-V1", "in.wav", "-t", "raw", "-e", "signed-integer", "-b", "16", "-L", "-c", "1", "-r", "8000", "-", "tempo", "-s", "1.2", "sinc", "300-3400"],
            arguments);
        Assert.Equal(["-D", "-V1", "in.wav", "-t", "raw", "-e", "signed-integer", "-b", "16", "-L", "-c", "1", "-r", "24000", "-"], CorpusGenerator.SoxArguments("in.wav", 24000, 1.0, telephone: false));
    }

    [Fact]
    public async Task GenerateAsync_Cancelled_Throws()
    {
        using var dir = new TempDirectory();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new CorpusGenerator(Tiny()).GenerateAsync(dir.Path, cancelled.Token));
    }

    [Fact]
    public async Task GenerateAsync_UnknownVoice_ThrowsListingTheInstalledOnes()
    {
        await ToolGate.RequireAsync(SpeechTool.Flite, SpeechTool.Sox);
        using var dir = new TempDirectory();
        var options = Tiny() with { Voices = [new(SpeechEngine.Flite, "nosuchvoice")] };
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new CorpusGenerator(options).GenerateAsync(dir.Path, TestContext.Current.CancellationToken));
        Assert.Contains("flite:nosuchvoice", ex.Message, StringComparison.Ordinal);
        Assert.Contains("slt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_TinyCorpusTwice_SameManifestAndAudioBytes()
    {
        await ToolGate.RequireAsync(SpeechTool.EspeakNg, SpeechTool.Flite, SpeechTool.Sox);
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var ct = TestContext.Current.CancellationToken;

        var manifest = await new CorpusGenerator(Tiny()).GenerateAsync(first.Path, ct);
        var again = await new CorpusGenerator(Tiny() with { MaxDegreeOfParallelism = 1 }).GenerateAsync(second.Path, ct);

        Assert.Equal(Hashes(first.Path), Hashes(second.Path));
        Assert.Equal(manifest.Samples, again.Samples);
    }

    [Fact]
    public async Task GenerateAsync_TinyCorpus_Writes24kHzMonoPcm16AndALoadableManifest()
    {
        await ToolGate.RequireAsync(SpeechTool.EspeakNg, SpeechTool.Flite, SpeechTool.Sox);
        using var dir = new TempDirectory();
        var options = Tiny() with { SpeedMethod = SpeedMethod.SoxTempo, Seed = 8 };

        var manifest = await new CorpusGenerator(options).GenerateAsync(dir.Path, TestContext.Current.CancellationToken);

        Assert.Equal(5, manifest.Samples.Count);
        Assert.Equal(manifest.Samples, CorpusManifest.Load(Path.Combine(dir.Path, CorpusManifest.FileName)).Samples);
        Assert.Equal(new CorpusGenerator(options).Plan(), manifest.Samples.Select(s => s with { DurationMs = 0 }));
        foreach (var sample in manifest.Samples)
        {
            var file = manifest.AudioFile(sample);
            using (var reader = new WaveFileReader(file))
            {
                Assert.Equal(new WaveFormat(24000, 16, 1), reader.WaveFormat);
                Assert.Equal(Pcm16.DurationMilliseconds(reader.Length / 2, 24000), sample.DurationMs);
            }

            Assert.True(sample.DurationMs > 500, $"{sample.Id} lasts only {sample.DurationMs} ms");
            var samples = Pcm16.ReadWav(file);
            Assert.True(Audio.Pcm16Tests.Rms(samples) > 100, $"{sample.Id} is silent");
            var outOfBand = OutOfTelephoneBandShare(samples);
            if (sample.Condition == AudioCondition.Telephone)
            {
                Assert.True(outOfBand < 0.01, $"{sample.Id}: {outOfBand:P1} of the energy is above 4 kHz after the telephone band limit");
            }

            // The synthesisers leave pauses: clean audio has near-silent frames, noisy audio has none.
            var quietest = QuietestFrameRms(samples);
            if (sample.Condition == AudioCondition.Noisy)
            {
                Assert.True(quietest > 300, $"{sample.Id}: the quietest 20 ms is at RMS {quietest:0}; the noise is missing");
            }
            else
            {
                Assert.True(quietest < 200, $"{sample.Id}: the quietest 20 ms is at RMS {quietest:0}; a {sample.Condition} sample should have pauses");
            }
        }
    }

    private static Dictionary<string, string> Hashes(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static double QuietestFrameRms(short[] samples) =>
        Enumerable.Range(0, samples.Length / 480).Min(f => Audio.Pcm16Tests.Rms(samples.AsSpan(f * 480, 480)));

    /// <summary>The share of energy a round trip through 8 kHz removes, i.e. what lies above 4 kHz.</summary>
    private static double OutOfTelephoneBandShare(short[] samples)
    {
        var narrow = Pcm16.Resample(Pcm16.Resample(samples, 24000, 8000), 8000, 24000);
        double residual = 0, total = 0;
        for (var i = 0; i < Math.Min(samples.Length, narrow.Length); i++)
        {
            var d = (double)samples[i] - narrow[i];
            residual += d * d;
            total += (double)samples[i] * samples[i];
        }

        return residual / total;
    }
}
