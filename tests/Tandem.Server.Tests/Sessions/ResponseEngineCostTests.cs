using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Tandem.Server.Tests.Support;
using Tandem.TestSupport;

namespace Tandem.Server.Tests.Sessions;

/// <summary>
/// What each path costs the server, read from its per-turn log line (no timing): a chained HTTP turn
/// loads the history from the store; a WebSocket continuation is served by the connection cache.
/// </summary>
public sealed partial class ResponseEngineCostTests
{
    [Fact]
    public async Task Continuation_HttpLoadsHistoryFromStore_WebSocketUsesTheConnectionCache()
    {
        var sink = new CapturingLoggerProvider();
        var options = new TandemServerOptions { ScenarioDirectory = Fixtures.Scenarios, RequestLogging = true };
        options.Urls.Clear();
        options.Urls.Add("http://127.0.0.1:0");
        await using var host = await TandemServerHost.StartAsync(options, logging => logging.AddProvider(sink), TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // HTTP: turn 1, then a chained turn 2.
        var first = await PostAsync(http, new JsonObject { ["model"] = "scenario/weather-three-turn", ["input"] = "Weather?" });
        var call = first["output"]!.AsArray().Single(i => (string?)i!["type"] == "function_call")!;
        await PostAsync(http, new JsonObject
        {
            ["model"] = "scenario/weather-three-turn",
            ["previous_response_id"] = (string)first["id"]!,
            ["input"] = new JsonArray(new JsonObject { ["type"] = "function_call_output", ["call_id"] = (string)call["call_id"]!, ["output"] = "sunny" }),
        });

        // WebSocket: the same two turns on one connection.
        using (var socket = new System.Net.WebSockets.ClientWebSocket())
        {
            await socket.ConnectAsync(host.WebSocketUri, TestContext.Current.CancellationToken);
            var ws = new WsTestClient(socket);
            await ws.CreateAsync(new JsonObject { ["model"] = "scenario/weather-three-turn", ["input"] = "Weather?" });
            var r1 = (await ws.ReceiveResponseAsync())[^1]["response"]!;
            var wsCall = r1["output"]!.AsArray().Single(i => (string?)i!["type"] == "function_call")!;
            await ws.CreateAsync(new JsonObject
            {
                ["model"] = "scenario/weather-three-turn",
                ["previous_response_id"] = (string)r1["id"]!,
                ["input"] = new JsonArray(new JsonObject { ["type"] = "function_call_output", ["call_id"] = (string)wsCall["call_id"]!, ["output"] = "sunny" }),
            });
            await ws.ReceiveResponseAsync();
            await ws.DisposeAsync();
        }

        var turns = sink.Lines.Where(l => l.StartsWith("response resp_", StringComparison.Ordinal)).Select(Parse).ToList();
        Assert.Equal(4, turns.Count);
        var (httpFirst, httpSecond, wsFirst, wsSecond) = (turns[0], turns[1], turns[2], turns[3]);
        Assert.Equal(("Http", 0, 0), (httpFirst.Transport, httpFirst.Loaded, httpFirst.Cached));
        Assert.Equal("Http", httpSecond.Transport);
        Assert.Equal(4, httpSecond.Loaded); // the first turn: its user message, then reasoning, commentary and the call
        Assert.Equal(0, httpSecond.Cached);
        Assert.Equal(("WebSocket", 0), (wsSecond.Transport, wsSecond.Loaded));
        Assert.True(wsSecond.Cached > 0 && wsSecond.Cached < wsSecond.Input);
        Assert.Equal(httpSecond.Input, wsSecond.Input); // same conversation, same token count
        Assert.Equal(wsFirst.Input, httpFirst.Input);
    }

    private static async Task<JsonObject> PostAsync(HttpClient http, JsonObject body)
    {
        using var response = await Sse.PostAsync(http, body);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
    }

    private static (string Transport, int Input, int Cached, int Loaded) Parse(string line)
    {
        var m = TurnLine().Match(line);
        Assert.True(m.Success, line);
        return (m.Groups["t"].Value, int.Parse(m.Groups["i"].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(m.Groups["c"].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups["l"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"transport=(?<t>\w+) .* input_tokens=(?<i>\d+) cached_tokens=(?<c>\d+) output_tokens=\d+ loaded_items=(?<l>\d+)")]
    private static partial Regex TurnLine();
}
