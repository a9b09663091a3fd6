using System.Text.Json.Nodes;
using Tandem.Server.Tests.Support;
using static Tandem.Server.Tests.Endpoints.HttpTestHelpers;

namespace Tandem.Server.Tests.Backends;

/// <summary>Scripted scenarios over HTTP: <c>expect_output</c> checks the client's tool output.</summary>
public sealed class ScriptedBackendTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tandem-scripted-{Guid.NewGuid():N}");

    public ScriptedBackendTests()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "expect.json"), """
            {
              "name": "expect",
              "turns": [
                { "output": [ { "type": "function_call", "name": "lookup", "arguments": { "q": "x" }, "call_id": "call_lookup_1", "expect_output": "FOUND" } ] },
                { "output": [ { "type": "message", "text": "Got: {{last_output}}" } ] }
              ]
            }
            """);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static JsonObject Continue(string previous, string output) => new()
    {
        ["model"] = "scenario/expect",
        ["previous_response_id"] = previous,
        ["input"] = new JsonArray(new JsonObject { ["type"] = "function_call_output", ["call_id"] = "call_lookup_1", ["output"] = output }),
    };

    [Fact]
    public async Task Create_ToolOutputMissingExpectedText_Returns400ScenarioExpectationFailed()
    {
        await using var server = await TestServer.StartAsync(o => o.ScenarioDirectory = _directory);
        var first = await CreateAsync(server.Http, new JsonObject { ["model"] = "scenario/expect", ["input"] = "go" });
        Assert.Equal("call_lookup_1", (string?)first["output"]![0]!["call_id"]);

        var error = await AssertCreateFailsAsync(server.Http, Continue((string)first["id"]!, "nothing here"), "scenario_expectation_failed", "input");

        Assert.Contains("FOUND", (string?)error["message"], StringComparison.Ordinal);
        Assert.Contains("call_lookup_1", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ToolOutputWithExpectedText_ContinuesTheScript()
    {
        await using var server = await TestServer.StartAsync(o => o.ScenarioDirectory = _directory);
        var first = await CreateAsync(server.Http, new JsonObject { ["model"] = "scenario/expect", ["input"] = "go" });

        var second = await CreateAsync(server.Http, Continue((string)first["id"]!, "FOUND: 3 rows"));

        Assert.Equal("Got: FOUND: 3 rows", (string?)second["output"]![0]!["content"]![0]!["text"]);
    }
}
