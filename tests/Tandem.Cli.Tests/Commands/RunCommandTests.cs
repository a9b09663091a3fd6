using System.Text.RegularExpressions;
using Tandem.Cli.Tests.Support;

namespace Tandem.Cli.Tests.Commands;

/// <summary><c>tandem run</c> as a user runs it: a real subprocess, the embedded server, a journal on disk.</summary>
public sealed partial class RunCommandTests
{
    [Fact]
    public async Task Run_ScenarioWithDemoTools_CompletesAndResumingTheFinishedRunGivesTheSameResult()
    {
        var dir = Directory.CreateTempSubdirectory("tandem-run-");
        try
        {
            var journal = "sqlite:" + Path.Combine(dir.FullName, "runs.db");
            var (code, output) = await TandemProcess.RunCombinedAsync("run", "--plain", "--journal", journal);

            Assert.Equal(0, code);
            Assert.Contains("tool get_weather {\"city\":\"Paris\"} started", output, StringComparison.Ordinal);
            Assert.Contains("turn 2 completed", output, StringComparison.Ordinal);
            var finished = FinishedLine().Match(output);
            Assert.True(finished.Success, output);
            Assert.Equal("Completed", finished.Groups["status"].Value);
            Assert.Equal("Done. The last tool said: 14:05", finished.Groups["output"].Value.Trim());

            var (resumeCode, resumed) = await TandemProcess.RunCombinedAsync("run", "--plain", "--journal", journal, "--resume", finished.Groups["id"].Value);

            Assert.Equal(0, resumeCode);
            Assert.Contains($"run {finished.Groups["id"].Value} Completed: Done. The last tool said: 14:05", resumed, StringComparison.Ordinal);
            Assert.DoesNotContain("started", resumed, StringComparison.Ordinal); // nothing ran again
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_BadTransport_ExitsWithAnErrorNamingIt()
    {
        var (code, output) = await TandemProcess.RunCombinedAsync("run", "--plain", "--transport", "carrier-pigeon");

        Assert.Equal(2, code);
        Assert.Contains("carrier-pigeon", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RealEndpointWithoutAKey_FailsFastNamingTheVariable()
    {
        // Checklist S18: the key comes from the environment; without it the run stops before any request.
        var (code, stdout, stderr) = await TandemProcess.RunAsync(new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null }, "run", "--plain", "--base-url", "http://127.0.0.1:9/v1/");

        Assert.Equal(2, code);
        Assert.Contains("OPENAI_API_KEY", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("turn 1", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--compact-threshold", "999", "--compact-threshold must be at least 1000")]
    [InlineData("--compaction", "sometimes", "sometimes")]
    public async Task Run_BadCompactionSetting_ExitsWithAnErrorNamingIt(string option, string value, string expected)
    {
        var (code, output) = await TandemProcess.RunCombinedAsync("run", "--plain", option, value);

        Assert.NotEqual(0, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"run (?<id>run_[0-9a-f]+) (?<status>\w+): (?<output>.*)")]
    private static partial Regex FinishedLine();
}
