using System.Text;
using System.Text.Json.Nodes;
using Tandem.Server.Tests.Support;

namespace Tandem.Server.Tests.Endpoints;

/// <summary>Shared helpers of the HTTP-side tests: requests, strict SSE, the OpenAI error shape, JSON property paths.</summary>
internal static class HttpTestHelpers
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static JsonArray UserInput(string text) => [new JsonObject { ["role"] = "user", ["content"] = text }];

    public static async Task<HttpResponseMessage> PostRawAsync(HttpClient http, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await http.PostAsync(path, content, Ct);
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
    }

    /// <summary>POSTs a non-streaming request, expects 200 and returns the response object.</summary>
    public static async Task<JsonObject> CreateAsync(HttpClient http, JsonObject body)
    {
        using var response = await Sse.PostAsync(http, body);
        var json = await ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"expected 200, got {(int)response.StatusCode}: {json.ToJsonString()}");
        return json;
    }

    /// <summary>POSTs a streaming request, expects strictly framed SSE and returns its frames.</summary>
    public static async Task<List<Sse.Frame>> StreamAsync(HttpClient http, JsonObject body)
    {
        body["stream"] = true;
        using var response = await Sse.PostAsync(http, body);
        Assert.Equal(200, (int)response.StatusCode);
        return await ReadStrictSseAsync(response);
    }

    public static async Task<List<Sse.Frame>> ReadStrictSseAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return ParseStrictSse(await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>
    /// OpenAI's exact framing: blocks <c>event: X\ndata: {json}\n\n</c> only, <c>event</c> equal to
    /// <c>data.type</c>, <c>sequence_number</c> 0..N in order, no comments, no <c>[DONE]</c>, no CR.
    /// </summary>
    public static List<Sse.Frame> ParseStrictSse(string body, bool sequenceFromZero = true)
    {
        Assert.DoesNotContain("\r", body, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", body, StringComparison.Ordinal);
        Assert.False(body.StartsWith(':') || body.Contains("\n:", StringComparison.Ordinal), "SSE comment line");
        var frames = Sse.Parse(body);
        Assert.NotEmpty(frames);
        int? previous = null;
        foreach (var frame in frames)
        {
            var json = frame.Json;
            Assert.Equal(frame.Event, (string?)json["type"]);
            var sequence = (int)json["sequence_number"]!;
            Assert.Equal(previous is null ? (sequenceFromZero ? 0 : sequence) : previous.Value + 1, sequence);
            previous = sequence;
        }

        return frames;
    }

    /// <summary>Asserts the OpenAI error shape and returns the inner <c>error</c> object.</summary>
    public static async Task<JsonObject> AssertErrorAsync(HttpResponseMessage response, int status, string? code, string? param)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.True(response.Headers.Contains("x-request-id"), "x-request-id header");
        var body = await ReadJsonAsync(response);
        Assert.Equal(["error"], body.Select(p => p.Key));
        var error = body["error"]!.AsObject();
        Assert.Equal(["code", "message", "param", "type"], error.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
        Assert.Equal(code, (string?)error["code"]);
        Assert.Equal(param, (string?)error["param"]);
        return error;
    }

    /// <summary>POSTs <paramref name="body"/> and asserts a 400 (or other) error with <paramref name="code"/> and <paramref name="param"/>.</summary>
    public static async Task<JsonObject> AssertCreateFailsAsync(HttpClient http, JsonObject body, string? code, string? param, int status = 400)
    {
        using var response = await Sse.PostAsync(http, body);
        return await AssertErrorAsync(response, status, code, param);
    }

    /// <summary>
    /// Every property path of <paramref name="node"/>, names only: <c>response.output[].content[].text</c>.
    /// Array elements share the <c>[]</c> segment; values are ignored.
    /// </summary>
    public static SortedSet<string> PropertyPaths(JsonNode? node)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Collect(node, string.Empty, paths);
        return paths;
    }

    private static void Collect(JsonNode? node, string prefix, SortedSet<string> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var path = prefix.Length == 0 ? name : prefix + "." + name;
                    paths.Add(path);
                    Collect(value, path, paths);
                }

                break;
            case JsonArray array:
                foreach (var element in array)
                {
                    Collect(element, prefix + "[]", paths);
                }

                break;
        }
    }
}
