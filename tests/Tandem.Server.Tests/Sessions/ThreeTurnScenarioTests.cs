using System.Text.Json.Nodes;
using Tandem.Server.Tests.Support;

namespace Tandem.Server.Tests.Sessions;

/// <summary>The foundation's acceptance run: a three-turn tool-calling scenario over both transports.</summary>
public sealed class ThreeTurnScenarioTests
{
    private static JsonArray Outputs(IEnumerable<JsonObject> calls, Func<string, string> output) =>
        new(calls.Select(c => (JsonNode)new JsonObject
        {
            ["type"] = "function_call_output",
            ["call_id"] = (string)c["call_id"]!,
            ["output"] = output((string)c["name"]!),
        }).ToArray());

    private static List<JsonObject> Calls(JsonObject completedResponse) =>
        completedResponse["output"]!.AsArray().Select(i => i!.AsObject()).Where(i => (string?)i["type"] == "function_call").ToList();

    [Fact]
    public async Task Scenario_OverHttpSse_RunsThreeTurnsWithPreviousResponseId()
    {
        await using var server = await TestServer.StartAsync();
        string? previous = null;
        JsonArray input = [new JsonObject { ["role"] = "user", ["content"] = "Weather in Paris?" }];
        var callsPerTurn = new List<int>();
        JsonObject? final = null;
        for (var turn = 0; turn < 3; turn++)
        {
            var body = new JsonObject { ["model"] = "scenario/weather-three-turn", ["input"] = input, ["stream"] = true };
            if (previous is not null)
            {
                body["previous_response_id"] = previous;
            }

            using var response = await Sse.PostAsync(server.Http, body);
            var frames = await Sse.ReadAsync(response);
            var completed = frames[^1].Json;
            Assert.Equal("response.completed", (string?)completed["type"]);
            var r = completed["response"]!.AsObject();
            previous = (string)r["id"]!;
            var calls = Calls(r);
            callsPerTurn.Add(calls.Count);
            input = Outputs(calls, name => name == "get_time" ? "14:05" : "sunny, 21C");
            final = r;
        }

        Assert.Equal([1, 2, 0], callsPerTurn);
        Assert.Contains("14:05", final!["output"]![0]!["content"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("final_answer", (string?)final["output"]![0]!["phase"]);
    }

    [Fact]
    public async Task Scenario_OverWebSocketStoreFalse_RunsThreeTurnsAndFreshConnectionGetsNotFound()
    {
        await using var server = await TestServer.StartAsync();
        string? previous = null;
        JsonArray input = [new JsonObject { ["role"] = "user", ["content"] = "Weather in Paris?" }];
        var callsPerTurn = new List<int>();
        var cachedPerTurn = new List<int>();
        await using (var ws = await server.ConnectAsync())
        {
            for (var turn = 0; turn < 3; turn++)
            {
                var body = new JsonObject { ["model"] = "scenario/weather-three-turn", ["input"] = input, ["store"] = false };
                if (previous is not null)
                {
                    body["previous_response_id"] = previous;
                }

                await ws.CreateAsync(body);
                var events = await ws.ReceiveResponseAsync();
                Assert.Equal("response.completed", (string?)events[^1]["type"]);
                var r = events[^1]["response"]!.AsObject();
                Assert.False((bool)r["store"]!);
                previous = (string)r["id"]!;
                var calls = Calls(r);
                callsPerTurn.Add(calls.Count);
                cachedPerTurn.Add((int)r["usage"]!["input_tokens_details"]!["cached_tokens"]!);
                input = Outputs(calls, _ => "ok");
            }
        }

        Assert.Equal([1, 2, 0], callsPerTurn);
        Assert.Equal(0, cachedPerTurn[0]);
        Assert.All(cachedPerTurn.Skip(1), c => Assert.True(c > 0, "a continuation on the live connection is served from its cache"));

        // The chain lived only on that connection: a fresh one cannot continue it.
        await using var fresh = await server.ConnectAsync();
        await fresh.CreateAsync(new JsonObject
        {
            ["model"] = "scenario/weather-three-turn",
            ["previous_response_id"] = previous,
            ["input"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "and now?" }),
            ["store"] = false,
        });
        var error = await fresh.ReceiveAsync();
        Assert.Equal("error", (string?)error["type"]);
        Assert.Equal(400, (int)error["status"]!);
        Assert.Equal("previous_response_not_found", (string?)error["error"]!["code"]);
        Assert.Equal("previous_response_id", (string?)error["error"]!["param"]);
    }
}
