using System.Collections.Concurrent;
using Tandem.Voice.Audio;
using Tandem.Voice.Corpus;
using Tandem.Voice.Entities;
using Tandem.Voice.Fallbacks;
using Tandem.Voice.Harness;

namespace Tandem.Voice.Tests.Harness;

/// <summary>The harness's bookkeeping with scripted arms: which utterance was heard decides what is captured.</summary>
public sealed class AbHarnessTests : IDisposable
{
    private const string Right1 = "+14155550123";
    private const string Right2 = "+12125550142";

    private readonly TempDirectory _dir = new();

    // Each utterance is audio of a length unique to it, so an arm can tell which one it heard.
    private readonly ConcurrentDictionary<int, string> _utterances = new();
    private int _nextLength = 2400;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunAsync_ValidButWrongFirstCapture_OnlyConfirmTurnsTheFalseAcceptIntoACapture()
    {
        var manifest = Corpus(("s1", Right1), ("s2", Right2));

        // Arm A mishears s1 as another valid number, then gets it right when the caller repeats.
        var armA = new ScriptedArm("A", this, new()
        {
            ["s1"] = "+14155550124", ["s1-repeat1"] = Right1, ["s1-repeat2"] = Right1,
            ["s2"] = Right2,
        });
        var armB = new ScriptedArm("B", this, new() { ["s1"] = "four one five five five five oh one two three", ["s2"] = Right2 });
        var harness = new AbHarness(armA, armB, SpeakAsync, options: new AbHarnessOptions { BootstrapResamples = 200, MaxDegreeOfParallelism = 1 });

        var report = await harness.RunAsync(manifest, cancellationToken: TestContext.Current.CancellationToken);

        var all = report.Summaries.Where(s => s.Group == "all").ToDictionary(s => (s.Arm, s.Policy));
        Assert.Equal(0.5, all[("A", "none")].ExactMatch);
        Assert.Equal(0.5, all[("A", "none")].FalseAcceptRate);
        Assert.Equal(0.5, all[("A", "validate")].FalseAcceptRate); // valid, so validation lets it through
        Assert.Equal(1.0, all[("A", "validate+asr2+confirm")].ExactMatch);
        Assert.Equal(0.0, all[("A", "validate+asr2+confirm")].FalseAcceptRate);
        Assert.Equal(1.0, all[("B", "none")].ExactMatch); // spoken words are graded after canonicalisation
        Assert.Equal(0.5, all[("A", "none")].FirstAttemptCapture);
        Assert.Equal(0.5, all[("A", "validate+asr2+confirm")].FirstAttemptCapture); // s2: right at once, a read-back is not a re-ask

        var s1 = report.Results.Single(r => r.SampleId == "s1" && r.Arm == "A" && r.Policy == "validate+asr2+confirm");
        Assert.Equal(4, s1.CallerTurns); // attempt, "no", repeat, "yes"
        Assert.Equal(1, s1.ReAsks);
        Assert.Equal("+14155550124", s1.FirstValue);
        Assert.Equal(1.0 / 12, s1.FirstCer, 10); // one digit of the 12 characters of +14155550124

        var armsCompared = report.Comparisons.Single(c => c.Metric == "exact_match" && c.A == "A / none");
        Assert.Equal((0, 1), (armsCompared.OnlyA, armsCompared.OnlyB));
        var confirmAgainstNone = report.Comparisons.Single(c => c.Metric == "false_accept" && c.A == "A / none" && c.B == "A / validate+asr2+confirm");
        Assert.Equal((1, 0), (confirmAgainstNone.OnlyA, confirmAgainstNone.OnlyB));
    }

    [Fact]
    public async Task RunAsync_Reports_WrittenAsJsonMarkdownAndPng()
    {
        var manifest = Corpus(("s1", Right1));
        var harness = new AbHarness(
            new ScriptedArm("A", this, new() { ["s1"] = Right1 }),
            new ScriptedArm("B", this, new() { ["s1"] = string.Empty }),
            SpeakAsync,
            options: new AbHarnessOptions { BootstrapResamples = 200 });
        var report = await harness.RunAsync(manifest, cancellationToken: TestContext.Current.CancellationToken) with { Caveat = "offline arms" };

        var files = AbReportWriter.WriteAll(report, Path.Combine(_dir.Path, "out"));

        var back = AbReportWriter.FromJson(File.ReadAllText(files[0]));
        Assert.Equal(report.Results.Count, back.Results.Count);
        Assert.Equal(report.Summaries[0], back.Summaries[0]);
        var markdown = File.ReadAllText(files[1]);
        Assert.Contains("| arm | policy | n | exact match | false accept |", markdown, StringComparison.Ordinal);
        Assert.Contains("> offline arms", markdown, StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(files[2]).Take(4));
    }

    [Fact]
    public void Constructor_SameArmTwice_Throws()
    {
        var arm = new ScriptedArm("A", this, []);
        var ex = Assert.Throws<ArgumentException>(() => new AbHarness(arm, arm, SpeakAsync));
        Assert.Contains("both are 'A'", ex.Message, StringComparison.Ordinal);
    }

    private CorpusManifest Corpus(params (string Id, string Value)[] samples)
    {
        var list = new List<CorpusSample>();
        foreach (var (id, value) in samples)
        {
            var audio = Utterance(id);
            var path = Path.Combine(CorpusManifest.AudioFolder, id + ".wav");
            Directory.CreateDirectory(Path.Combine(_dir.Path, CorpusManifest.AudioFolder));
            Pcm16.WriteWav(Path.Combine(_dir.Path, path), audio, Pcm16.RealtimeSampleRate);
            list.Add(new CorpusSample
            {
                Id = id,
                Kind = EntityKind.PhoneNumber,
                CanonicalValue = value,
                SpokenText = value,
                Style = SpokenStyle.Digits,
                Voice = new CorpusVoice(SpeechEngine.EspeakNg, "en-us"),
                Speed = 1,
                Condition = AudioCondition.Clean,
                AudioPath = path,
                DurationMs = 100,
            });
        }

        return CorpusManifest.Write(Path.Combine(_dir.Path, CorpusManifest.FileName), list);
    }

    private short[] Utterance(string id)
    {
        var length = Interlocked.Add(ref _nextLength, 24);
        _utterances[length] = id;
        return new short[length];
    }

    private Task<short[]> SpeakAsync(CorpusSample sample, CancellationToken cancellationToken) => Task.FromResult(Utterance(sample.Id));

    private sealed class ScriptedArm(string name, AbHarnessTests test, Dictionary<string, string> captures) : IRecognitionArm
    {
        public string Name => name;

        public ValueTask<CaptureAttempt> CaptureAsync(EntityKind kind, ReadOnlyMemory<short> pcm24k, CancellationToken cancellationToken)
        {
            var heard = test._utterances[pcm24k.Length];
            var value = captures.GetValueOrDefault(heard, string.Empty);
            return ValueTask.FromResult(new CaptureAttempt(value, value, CaptureSource.Voice, LatencyMs: 10));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
