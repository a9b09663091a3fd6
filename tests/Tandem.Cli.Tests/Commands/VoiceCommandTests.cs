using Tandem.Cli.Tests.Support;

namespace Tandem.Cli.Tests.Commands;

/// <summary><c>tandem voice corpus</c> as a user runs it.</summary>
public sealed class VoiceCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("tandem-voice-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Corpus_TinyCorpus_WritesTheManifestAndAudio()
    {
        foreach (var tool in new[] { "espeak-ng", "sox" })
        {
            if (!OnPath(tool))
            {
                Assert.Skip($"{tool} is not installed: the corpus is synthesised with espeak-ng and converted with sox.");
            }
        }

        var output = Path.Combine(_dir.FullName, "corpus");
        var (exit, stdout, stderr) = await TandemProcess.RunAsync(
            "voice", "corpus", "--out", output, "--per-kind", "1", "--kinds", "PhoneNumber,OrderCode", "--voices", "espeak-ng:en-us", "--speeds", "1", "--conditions", "telephone");

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("2 samples", stdout, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(Path.Combine(output, "manifest.jsonl"), TestContext.Current.CancellationToken);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Contains("\"condition\":\"Telephone\"", l, StringComparison.Ordinal));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(output, "audio"), "*.wav").Length);
    }

    [Theory]
    [InlineData("--voices", "festival:kal", "'festival:kal' is not a voice")]
    [InlineData("--conditions", "underwater", "'underwater' is not one of Clean, Noisy, Telephone")]
    [InlineData("--kinds", "Iban", "'Iban' is not one of PhoneNumber")]
    [InlineData("--per-kind", "0", "--per-kind must be at least 1")]
    public async Task Corpus_BadOption_ExitsTwoNamingIt(string option, string value, string expected)
    {
        var (exit, _, stderr) = await TandemProcess.RunAsync("voice", "corpus", "--out", _dir.FullName, option, value);

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// The whole offline loop on a tiny corpus: synthesise (espeak-ng, sox) → the local Realtime
    /// endpoint (VAD-free commit, PocketSphinx) → the capture tool call → the fallback policies
    /// (second recogniser, validation, confirmation, parts, keypad) → metrics and reports.
    /// </summary>
    [Fact]
    public async Task Ab_TinyCorpusOnTheLocalArms_RunsTheWholeLoopAndWritesTheReports()
    {
        foreach (var tool in new[] { "espeak-ng", "sox", "pocketsphinx_continuous" })
        {
            if (!OnPath(tool))
            {
                Assert.Skip($"{tool} is not installed: the offline A/B loop synthesises with espeak-ng and sox and recognises with PocketSphinx.");
            }
        }

        var output = Path.Combine(_dir.FullName, "ab");
        var (exit, stdout, stderr) = await TandemProcess.RunAsync(
            new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null },
            "voice", "ab", "--out", output, "--per-kind", "1", "--kinds", "PhoneNumber,OrderCode", "--voices", "espeak-ng:en-us+klatt",
            "--speeds", "1", "--conditions", "clean", "--policies", "none,full", "--parallel", "2");

        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("local:sphinx-lm vs local:sphinx-alnum", stdout, StringComparison.Ordinal);
        using var report = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "voice-ab.json"), TestContext.Current.CancellationToken));
        var root = report.RootElement;
        Assert.Equal(2, root.GetProperty("samples").GetInt32());
        Assert.Equal(2 * 2 * 2, root.GetProperty("results").GetArrayLength()); // samples × arms × policies
        Assert.Contains("not OpenAI's models", root.GetProperty("caveat").GetString(), StringComparison.Ordinal);
        foreach (var result in root.GetProperty("results").EnumerateArray())
        {
            // Every capture went through the endpoint: the recogniser heard something and the first value was graded.
            Assert.False(string.IsNullOrEmpty(result.GetProperty("first_transcript").GetString()), result.ToString());
        }

        Assert.True(File.Exists(Path.Combine(output, "voice-ab.md")));
        Assert.True(File.Exists(Path.Combine(output, "voice-ab.png")));
    }

    [Theory]
    [InlineData("--arm-a", "local:whisper", "'whisper' is not a local model: use one of sphinx-lm, sphinx-alnum")]
    [InlineData("--arm-a", "azure:gpt-realtime", "'azure:gpt-realtime' is not an arm")]
    [InlineData("--arm-b", "local:sphinx-lm", "both 'local:sphinx-lm'")]
    [InlineData("--policies", "none,paranoid", "Unknown fallback policy 'paranoid'")]
    [InlineData("--arm-b", "openai:gpt-realtime-1.5", "needs OPENAI_API_KEY")]
    public async Task Ab_BadOption_ExitsTwoNamingIt(string option, string value, string expected)
    {
        var noKey = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null };

        var (exit, _, stderr) = await TandemProcess.RunAsync(noKey, "voice", "ab", "--out", _dir.FullName, option, value);

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, tool)));
}
