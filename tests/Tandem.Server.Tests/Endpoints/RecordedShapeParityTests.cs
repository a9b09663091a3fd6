using System.Text.Json.Nodes;
using Tandem.Server.Tests.Support;
using Tandem.TestSupport;
using static Tandem.Server.Tests.Endpoints.HttpTestHelpers;

namespace Tandem.Server.Tests.Endpoints;

/// <summary>
/// The server's wire shapes against real OpenAI traffic (tests/fixtures/recorded): the same event
/// sequence, the same framing, every recorded field name present, and error bodies with the same keys.
/// </summary>
public sealed class RecordedShapeParityTests
{
    /// <summary>
    /// Recorded fields the server deliberately does not emit, as property paths relative to the event.
    /// Empty on purpose: everything the recordings carry is emitted (values are local stand-ins, e.g.
    /// <c>top_logprobs</c> echoes the request or 0, <c>prompt_cache_retention</c> the request or null).
    /// Add a path here only with a comment saying why no client needs it.
    /// </summary>
    private static readonly HashSet<string> DeliberatelyAbsent = new(StringComparer.Ordinal);

    [Fact]
    public async Task ScriptedTextTurn_ComparedWithRecordedHello_HasSameEventsFramingAndFields()
    {
        await AssertParityAsync("openai-dotnet-stream-hello", "scenario/hello");
    }

    [Fact]
    public async Task DefaultFunctionCallTurn_ComparedWithRecordedFunctionCall_HasSameEventsFramingAndFields()
    {
        await AssertParityAsync("openai-dotnet-stream-function-call", "tandem-default");
    }

    [Fact]
    public async Task ErrorBody_401WrongKey_HasTheRecordedKeySet()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateHttpClient("invalid-api-key-12345");
        var request = await RecordedRequestAsync("mirascope-error-401-on-stream-request");

        using var response = await Sse.PostAsync(client, request);

        var body = await AssertSameErrorKeysAsync(response, "mirascope-error-401-on-stream-request");
        Assert.Equal("invalid_api_key", (string?)body["error"]!["code"]);
    }

    [Fact]
    public async Task ErrorBody_400ModelNotFoundOnStreamRequest_HasTheRecordedKeySetAndMessage()
    {
        await using var server = await TestServer.StartAsync();
        var request = await RecordedRequestAsync("mirascope-error-400-model-not-found-stream");
        request["model"] = "scenario/this-model-does-not-exist-12345";

        using var response = await Sse.PostAsync(server.Http, request);

        var body = await AssertSameErrorKeysAsync(response, "mirascope-error-400-model-not-found-stream");
        var recorded = await RecordedErrorAsync("mirascope-error-400-model-not-found-stream");
        Assert.Equal(((string)recorded["error"]!["message"]!).Replace("this-model-does-not-exist-12345", "scenario/this-model-does-not-exist-12345", StringComparison.Ordinal), (string?)body["error"]!["message"]);
        Assert.Equal((string?)recorded["error"]!["param"], (string?)body["error"]!["param"]);
        Assert.Equal((string?)recorded["error"]!["code"], (string?)body["error"]!["code"]);
    }

    [Fact]
    public async Task ErrorBody_404StoreFalse_HasTheRecordedKeySetAndMessage()
    {
        await using var server = await TestServer.StartAsync();
        var created = await CreateAsync(server.Http, new JsonObject { ["model"] = "tandem-default", ["input"] = "hi", ["store"] = false });
        var id = (string)created["id"]!;

        using var response = await server.Http.GetAsync($"/v1/responses/{id}", Ct);

        var body = await AssertSameErrorKeysAsync(response, "openai-dotnet-error-404-store-false");
        var recorded = await RecordedErrorAsync("openai-dotnet-error-404-store-false");
        var recordedId = (await File.ReadAllTextAsync(Fixtures.RecordedFile("openai-dotnet-error-404-store-false", "request-line.txt"), Ct)).Trim().Split('/')[^1];
        Assert.Equal(((string)recorded["error"]!["message"]!).Replace(recordedId, id, StringComparison.Ordinal), (string?)body["error"]!["message"]);
        Assert.Null((string?)body["error"]!["code"]);
        Assert.Null((string?)body["error"]!["param"]);
    }

    private static async Task AssertParityAsync(string folder, string model)
    {
        await using var server = await TestServer.StartAsync();
        var request = await RecordedRequestAsync(folder);
        request["model"] = model;

        using var response = await Sse.PostAsync(server.Http, request);
        Assert.Equal(200, (int)response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);

        // Framing: both parse with the strict reader (event == data.type, sequence 0..N, no comments, no [DONE]).
        var recordedText = await File.ReadAllTextAsync(Fixtures.RecordedFile(folder, "response.sse"), Ct);
        var recorded = ParseStrictSse(recordedText);
        var served = ParseStrictSse(body);
        var headers = JsonNode.Parse(await File.ReadAllTextAsync(Fixtures.RecordedFile(folder, "response-headers.json"), Ct))!;
        Assert.Equal((string?)headers["content-type"], response.Content.Headers.ContentType?.ToString());
        Assert.Equal((string?)headers["openai-version"], response.Headers.GetValues("openai-version").Single());

        // Event sequence, with runs of *.delta events collapsed to one.
        var recordedGroups = Collapse(recorded);
        var servedGroups = Collapse(served);
        Assert.Equal(recordedGroups.Select(g => g.Type), servedGroups.Select(g => g.Type));

        // Field names, recursively: each recorded event's names are in the server's event of the same place.
        var missing = new List<string>();
        for (var g = 0; g < recordedGroups.Count; g++)
        {
            var servedPaths = new HashSet<string>(servedGroups[g].Frames.SelectMany(f => PropertyPaths(f.Json)), StringComparer.Ordinal);
            foreach (var path in recordedGroups[g].Frames.SelectMany(f => PropertyPaths(f.Json)).Distinct(StringComparer.Ordinal))
            {
                if (!servedPaths.Contains(path) && !DeliberatelyAbsent.Contains(path))
                {
                    missing.Add($"{recordedGroups[g].Type}: {path}");
                }
            }
        }

        Assert.True(missing.Count == 0, "fields of the recorded events the server does not emit:\n" + string.Join('\n', missing));
    }

    private static List<(string Type, List<Sse.Frame> Frames)> Collapse(List<Sse.Frame> frames)
    {
        var groups = new List<(string Type, List<Sse.Frame> Frames)>();
        foreach (var frame in frames)
        {
            if (groups.Count > 0 && groups[^1].Type == frame.Event && frame.Event.EndsWith(".delta", StringComparison.Ordinal))
            {
                groups[^1].Frames.Add(frame);
            }
            else
            {
                groups.Add((frame.Event, [frame]));
            }
        }

        return groups;
    }

    private static async Task<JsonObject> RecordedRequestAsync(string folder) =>
        JsonNode.Parse(await File.ReadAllTextAsync(Fixtures.RecordedFile(folder, "request.json"), Ct))!.AsObject();

    private static async Task<JsonObject> RecordedErrorAsync(string folder) =>
        JsonNode.Parse(await File.ReadAllTextAsync(Fixtures.RecordedFile(folder, "response.json"), Ct))!.AsObject();

    private static async Task<JsonObject> AssertSameErrorKeysAsync(HttpResponseMessage response, string folder)
    {
        var status = int.Parse(await File.ReadAllTextAsync(Fixtures.RecordedFile(folder, "status.txt"), Ct), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        var recorded = await RecordedErrorAsync(folder);
        Assert.Equal(PropertyPaths(recorded), PropertyPaths(body));
        Assert.Equal((string?)recorded["error"]!["type"], (string?)body["error"]!["type"]);
        return body;
    }
}
