using System.Text.Json.Nodes;
using Tandem.Server.Tests.Support;

namespace Tandem.Server.Tests.Sessions;

/// <summary>Requests, assertions and a slow latency profile shared by the WebSocket-mode rule tests.</summary>
internal static class WebSocketTestKit
{
    /// <summary>Any model that names no scenario gets the default backend.</summary>
    public const string DefaultModel = "tandem-default";

    /// <summary>A text turn for the default backend, which answers <c>You said: "…"</c>.</summary>
    public static JsonObject TextRequest(string text, bool? store = null, string? streamId = null, string? previousResponseId = null)
    {
        var body = new JsonObject
        {
            ["model"] = DefaultModel,
            ["input"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
        };
        return Decorate(body, store, streamId, previousResponseId);
    }

    /// <summary>A turn offering one function tool: the default backend calls it when the input holds no tool output.</summary>
    public static JsonObject ToolRequest(string text, bool? store = null)
    {
        var body = TextRequest(text, store);
        body["tools"] = new JsonArray(new JsonObject
        {
            ["type"] = "function",
            ["name"] = "get_weather",
            ["description"] = "Current weather of a city.",
            ["strict"] = true,
            ["parameters"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["city"] = new JsonObject { ["type"] = "string" } },
                ["required"] = new JsonArray("city"),
                ["additionalProperties"] = false,
            },
        });
        return body;
    }

    /// <summary>A continuation answering <paramref name="callId"/> with a tool output.</summary>
    public static JsonObject ToolOutputRequest(string previousResponseId, string callId, string output, bool? store = null)
    {
        var body = new JsonObject
        {
            ["model"] = DefaultModel,
            ["input"] = new JsonArray(new JsonObject { ["type"] = "function_call_output", ["call_id"] = callId, ["output"] = output }),
        };
        return Decorate(body, store, null, previousResponseId);
    }

    /// <summary>Sends <c>response.create</c> and returns the completed response object, failing on anything else.</summary>
    public static async Task<JsonObject> CompleteAsync(WsTestClient ws, JsonObject body)
    {
        await ws.CreateAsync(body);
        return Completed(await ws.ReceiveResponseAsync());
    }

    /// <summary>The response of the terminal <c>response.completed</c> event.</summary>
    public static JsonObject Completed(List<JsonObject> events)
    {
        var last = events[^1];
        Assert.True((string?)last["type"] == "response.completed", $"expected response.completed, got {last.ToJsonString()}");
        var response = last["response"]!.AsObject();
        Assert.Equal("completed", (string?)response["status"]);
        return response;
    }

    public static string Id(JsonObject response) => (string)response["id"]!;

    public static int CachedTokens(JsonObject response) => (int)response["usage"]!["input_tokens_details"]!["cached_tokens"]!;

    /// <summary>The call id of the single function call in <paramref name="response"/>'s output.</summary>
    public static string SingleCallId(JsonObject response)
    {
        var call = Assert.Single(response["output"]!.AsArray(), i => (string?)i!["type"] == "function_call");
        return (string)call!["call_id"]!;
    }

    /// <summary>The text of the first message in <paramref name="response"/>'s output.</summary>
    public static string OutputText(JsonObject response)
    {
        var message = response["output"]!.AsArray().First(i => (string?)i!["type"] == "message");
        return (string)message!["content"]![0]!["text"]!;
    }

    /// <summary>
    /// Asserts the WebSocket error envelope <c>{type:"error", status, error:{type, code, message, param}}</c>
    /// (all four inner keys present, even when null) and returns its inner error.
    /// </summary>
    public static JsonObject AssertErrorEnvelope(JsonObject evt, string? code, string? param, int status = 400)
    {
        Assert.True((string?)evt["type"] == "error", $"expected an error event, got {evt.ToJsonString()}");
        Assert.Equal(status, (int)evt["status"]!);
        var error = evt["error"]!.AsObject();
        foreach (var key in new[] { "type", "code", "message", "param" })
        {
            Assert.True(error.ContainsKey(key), $"error envelope lacks '{key}': {evt.ToJsonString()}");
        }

        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Equal(code, (string?)error["code"]);
        Assert.Equal(param, (string?)error["param"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
        return error;
    }

    /// <summary>Reads events (of any lanes) until <paramref name="terminals"/> terminal events arrived.</summary>
    public static async Task<List<JsonObject>> ReceiveTerminalsAsync(WsTestClient ws, int terminals)
    {
        var events = new List<JsonObject>();
        while (terminals > 0)
        {
            var evt = await ws.ReceiveAsync();
            events.Add(evt);
            if ((string?)evt["type"] is "response.completed" or "response.failed" or "response.incomplete" or "error")
            {
                terminals--;
            }
        }

        return events;
    }

    private static JsonObject Decorate(JsonObject body, bool? store, string? streamId, string? previousResponseId)
    {
        if (store is not null)
        {
            body["store"] = store.Value;
        }

        if (streamId is not null)
        {
            body["stream_id"] = streamId;
        }

        if (previousResponseId is not null)
        {
            body["previous_response_id"] = previousResponseId;
        }

        return body;
    }
}

/// <summary>
/// A latency profile file where only the time to first token costs anything, so responses stay in
/// flight long enough for ordering (never speed) to be observed. Deleted on dispose.
/// </summary>
internal sealed class SlowProfile : IDisposable
{
    public SlowProfile(int timeToFirstTokenMs)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"tandem-ws-profile-{Guid.NewGuid():N}.json");
        File.WriteAllText(Path, $$"""
            {
              "name": "slow-first-token",
              "description": "Test profile: only time_to_first_token_ms costs anything.",
              "request_overhead_ms": 0,
              "http_request_overhead_ms": 0,
              "load_stored_response_ms_per_item": 0,
              "render_ms_per_uncached_input_token": 0,
              "time_to_first_token_ms": {{timeToFirstTokenMs}},
              "decode_tokens_per_second": 0
            }
            """);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
