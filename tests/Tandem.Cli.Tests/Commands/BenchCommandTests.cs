using System.Text.Json.Nodes;
using Json.Schema;
using Tandem.Cli.Tests.Support;
using Tandem.TestSupport;

namespace Tandem.Cli.Tests.Commands;

/// <summary>
/// The CI smoke test of the main job: <c>tandem bench --quick</c> as a user runs it (a real
/// subprocess, the embedded server), then the JSON checked against its schema and for sanity — every
/// client ran every scenario without an error, WebSocket bytes per turn stay flat while the stateless
/// history grows, every run has its ideal. No timing assertions.
/// </summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task BenchQuick_WritesValidResultsWhereEveryClientRanEveryScenario()
    {
        var dir = Directory.CreateTempSubdirectory("tandem-bench-");
        try
        {
            var (code, output) = await TandemProcess.RunCombinedAsync("bench", "--quick", "--plain", "--out", dir.FullName);

            Assert.True(code == 0, output);
            var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir.FullName, "bench-results.json"), TestContext.Current.CancellationToken))!;
            var schema = JsonSchema.FromText(await File.ReadAllTextAsync(Path.Combine(Fixtures.Root, "docs", "bench-results.schema.json"), TestContext.Current.CancellationToken));
            using var document = System.Text.Json.JsonDocument.Parse(json.ToJsonString());
            var evaluation = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(evaluation.IsValid, string.Join("\n", (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));

            var clients = json["settings"]!["clients"]!.AsArray().Select(c => (string)c!).ToList();
            var runs = (int)json["settings"]!["runs"]!;
            Assert.Equal(["tandem-ws", "tandem-http", "tandem-http-stateless", "openai-sdk", "meai-ficc", "raw-http", "raw-ws"], clients);
            foreach (var scenario in json["scenarios"]!.AsArray())
            {
                var name = (string)scenario!["name"]!;
                var results = scenario["results"]!.AsArray();
                Assert.Equal(clients.Order(), results.Select(r => (string)r!["client"]!).Order());
                foreach (var result in results)
                {
                    var client = (string)result!["client"]!;
                    var clientRuns = result["runs"]!.AsArray();
                    Assert.Equal(runs, clientRuns.Count);
                    Assert.All(clientRuns, r => Assert.True(r!["error"] is null, $"{client} on {name}: {r["error"]}"));
                    Assert.All(clientRuns, r => Assert.NotNull(r!["ideal_ms"]));
                    Assert.All(clientRuns, r => Assert.Equal((int)scenario["turns"]!, r!["turns"]!.AsArray().Count));

                    var sent = clientRuns[0]!["turns"]!.AsArray().Select(t => (long)t!["bytes_sent"]!).ToList();
                    Assert.All(sent, b => Assert.True(b > 0, $"{client} on {name}: a turn sent nothing"));
                    if (client is "tandem-ws" or "raw-ws")
                    {
                        // Only the new items go out: the last turn costs about what the second did.
                        Assert.True(sent[^1] <= 2 * sent[1], $"{client} on {name}: bytes sent per turn grew from {sent[1]} to {sent[^1]}");
                    }
                    else if (client == "tandem-http-stateless")
                    {
                        Assert.True(sent[^1] > 2 * sent[1], $"{client} on {name}: the full history should grow the request, {sent[1]} → {sent[^1]}");
                    }
                }
            }

            Assert.True(File.Exists(Path.Combine(dir.FullName, "bench-report.md")));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(dir.FullName, "charts"), "*.png"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--runs", "0", "--runs must be at least 1")]
    [InlineData("--scenario", "no-such-scenario", "'no-such-scenario'")]
    [InlineData("--client", "carrier-pigeon", "'carrier-pigeon'")]
    [InlineData("--time-scale", "-1", "--time-scale")]
    [InlineData("--base-url", "not-a-url", "--base-url must be an absolute http:// or https:// URL, not 'not-a-url'")]
    public async Task Bench_BadOption_ExitsWithAnErrorNamingIt(string option, string value, string expected)
    {
        var (code, output) = await TandemProcess.RunCombinedAsync("bench", "--plain", "--warmup-turns", "0", option, value);

        Assert.NotEqual(0, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }
}
