using System.Text.Json.Nodes;
using Tandem.Server.Tests.Support;
using Tandem.TestSupport;
using static Tandem.Server.Tests.Endpoints.HttpTestHelpers;

namespace Tandem.Server.Tests.Endpoints;

/// <summary>The HTTP surface of <c>/v1/responses</c>: create (JSON and SSE), retrieve, replay, delete, input items, chaining, validation, models.</summary>
public sealed class HttpResponsesEndpointsTests
{
    private static readonly JsonObject WeatherTool = new()
    {
        ["type"] = "function",
        ["name"] = "get_weather",
        ["description"] = "Current weather for a city.",
        ["parameters"] = JsonNode.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}"""),
        ["strict"] = true,
    };

    private static JsonObject Body(string model = "tandem-default", string text = "Hello there") =>
        new() { ["model"] = model, ["input"] = UserInput(text) };

    private static JsonObject ToolBody() =>
        new() { ["model"] = "tandem-default", ["input"] = UserInput("Weather in Paris?"), ["tools"] = new JsonArray(WeatherTool.DeepClone()) };

    // ---- 1. create: JSON and SSE ----

    [Fact]
    public async Task Create_NonStreaming_ReturnsCompletedResponseWithConsistentUsage()
    {
        await using var server = await TestServer.StartAsync();

        var r = await CreateAsync(server.Http, Body("scenario/hello"));

        Assert.Equal("response", (string?)r["object"]);
        Assert.Equal("completed", (string?)r["status"]);
        Assert.StartsWith("resp_", (string?)r["id"], StringComparison.Ordinal);
        Assert.Equal("scenario/hello", (string?)r["model"]);
        Assert.StartsWith("Hello from Tandem!", (string?)r["output"]![0]!["content"]![0]!["text"], StringComparison.Ordinal);
        var usage = r["usage"]!.AsObject();
        var input = (int)usage["input_tokens"]!;
        var cached = (int)usage["input_tokens_details"]!["cached_tokens"]!;
        var output = (int)usage["output_tokens"]!;
        var reasoning = (int)usage["output_tokens_details"]!["reasoning_tokens"]!;
        Assert.True(input > 0);
        Assert.InRange(cached, 0, input);
        Assert.True(output > 0);
        Assert.InRange(reasoning, 0, output);
        Assert.Equal(input + output, (int)usage["total_tokens"]!);
    }

    [Fact]
    public async Task Create_StreamTrue_WritesStrictSseEndingInCompleted()
    {
        await using var server = await TestServer.StartAsync();
        var body = Body("scenario/hello");
        body["stream"] = true;

        using var response = await Sse.PostAsync(server.Http, body);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var frames = ParseStrictSse(await response.Content.ReadAsStringAsync(Ct)); // framing, event == data.type, sequence 0..N
        Assert.Equal("response.created", frames[0].Event);
        Assert.Equal("response.in_progress", frames[1].Event);
        Assert.Equal("response.completed", frames[^1].Event);
        Assert.Single(frames, f => f.Event == "response.completed");
        var completed = frames[^1].Json["response"]!.AsObject();
        var deltas = string.Concat(frames.Where(f => f.Event == "response.output_text.delta").Select(f => (string)f.Json["delta"]!));
        Assert.Equal((string?)completed["output"]![0]!["content"]![0]!["text"], deltas);
        Assert.Equal((string?)frames[0].Json["response"]!["id"], (string?)completed["id"]);
    }

    [Fact]
    public async Task Create_WithTopLogprobsAndPromptCacheRetention_EchoesThemOnTheResponse()
    {
        await using var server = await TestServer.StartAsync();
        var plain = await CreateAsync(server.Http, Body());
        var body = Body();
        body["top_logprobs"] = 5;
        body["prompt_cache_retention"] = "24h";

        var echoed = await CreateAsync(server.Http, body);

        Assert.Equal(0, (int)plain["top_logprobs"]!);
        Assert.True(plain.ContainsKey("prompt_cache_retention"));
        Assert.Null(plain["prompt_cache_retention"]);
        Assert.Equal(5, (int)echoed["top_logprobs"]!);
        Assert.Equal("24h", (string?)echoed["prompt_cache_retention"]);
    }

    // ---- 2. x-request-id on every answer ----

    [Fact]
    public async Task AnyAnswer_IncludingErrors_CarriesUniqueRequestId()
    {
        await using var server = await TestServer.StartAsync();
        using var anonymous = server.CreateHttpClient(null);
        var answers = new List<(int Expected, HttpResponseMessage Response)>
        {
            (200, await Sse.PostAsync(server.Http, Body())),
            (401, await Sse.PostAsync(anonymous, Body())),
            (404, await server.Http.GetAsync("/v1/responses/resp_unknown", Ct)),
            (404, await server.Http.GetAsync("/v1/no-such-route", Ct)),
            (404, await server.Http.GetAsync("/not-v1-at-all", Ct)),
            (400, await PostRawAsync(server.Http, "/v1/responses", "{not json")),
            (400, await Sse.PostAsync(server.Http, new JsonObject { ["input"] = "no model" })),
            (200, await server.Http.GetAsync("/v1/models", Ct)),
        };

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (expected, response) in answers)
        {
            using (response)
            {
                Assert.Equal(expected, (int)response.StatusCode);
                Assert.True(response.Headers.TryGetValues("x-request-id", out var values), $"no x-request-id on {response.RequestMessage?.RequestUri} ({expected})");
                var id = Assert.Single(values);
                Assert.StartsWith("req_", id, StringComparison.Ordinal);
                Assert.True(ids.Add(id), "request ids are unique");
            }
        }
    }

    // ---- 4. retrieve and replay ----

    [Fact]
    public async Task Get_StoredResponse_ReturnsTheSameObject()
    {
        await using var server = await TestServer.StartAsync();
        var created = await CreateAsync(server.Http, Body("scenario/hello"));

        using var response = await server.Http.GetAsync($"/v1/responses/{created["id"]}", Ct);

        Assert.Equal(200, (int)response.StatusCode);
        var fetched = await ReadJsonAsync(response);
        Assert.True(JsonNode.DeepEquals(created, fetched), $"{created.ToJsonString()}\n!=\n{fetched.ToJsonString()}");
    }

    [Fact]
    public async Task Get_StreamTrue_ReplaysEveryEventAsSse()
    {
        await using var server = await TestServer.StartAsync();
        var original = await StreamAsync(server.Http, Body("scenario/hello"));
        var id = (string)original[0].Json["response"]!["id"]!;

        using var response = await server.Http.GetAsync($"/v1/responses/{id}?stream=true", Ct);

        var replay = await ReadStrictSseAsync(response);
        Assert.Equal(original.Select(f => f.Event), replay.Select(f => f.Event));
        Assert.Equal(original.Select(f => f.Data), replay.Select(f => f.Data));
    }

    [Fact]
    public async Task Get_StreamTrueStartingAfter_ReplaysOnlyLaterSequenceNumbers()
    {
        await using var server = await TestServer.StartAsync();
        var original = await StreamAsync(server.Http, Body("scenario/hello"));
        var id = (string)original[0].Json["response"]!["id"]!;
        const int After = 3;

        using var response = await server.Http.GetAsync($"/v1/responses/{id}?stream=true&starting_after={After}", Ct);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var replay = ParseStrictSse(await response.Content.ReadAsStringAsync(Ct), sequenceFromZero: false);
        Assert.Equal(After + 1, (int)replay[0].Json["sequence_number"]!);
        Assert.Equal(original.Skip(After + 1).Select(f => f.Data), replay.Select(f => f.Data));
    }

    [Fact]
    public async Task Get_StoreFalseResponse_Returns404WithNullCode()
    {
        await using var server = await TestServer.StartAsync();
        var body = Body("scenario/hello");
        body["store"] = false;
        var created = await CreateAsync(server.Http, body);
        Assert.False((bool)created["store"]!);
        var id = (string)created["id"]!;

        using var response = await server.Http.GetAsync($"/v1/responses/{id}", Ct);

        var error = await AssertErrorAsync(response, 404, code: null, param: null);
        Assert.Equal($"Response with id '{id}' not found.", (string?)error["message"]);
    }

    // ---- 5. delete ----

    [Fact]
    public async Task Delete_StoredResponse_ReturnsDeletedObject()
    {
        await using var server = await TestServer.StartAsync();
        var id = (string)(await CreateAsync(server.Http, Body()))["id"]!;

        using var response = await server.Http.DeleteAsync($"/v1/responses/{id}", Ct);

        Assert.Equal(200, (int)response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["id"] = id, ["object"] = "response.deleted", ["deleted"] = true }, body), body.ToJsonString());
    }

    [Fact]
    public async Task Get_AfterDelete_Returns404()
    {
        await using var server = await TestServer.StartAsync();
        var id = (string)(await CreateAsync(server.Http, Body()))["id"]!;
        using (var deleted = await server.Http.DeleteAsync($"/v1/responses/{id}", Ct))
        {
            Assert.Equal(200, (int)deleted.StatusCode);
        }

        using var response = await server.Http.GetAsync($"/v1/responses/{id}", Ct);

        await AssertErrorAsync(response, 404, code: null, param: null);
    }

    [Fact]
    public async Task Delete_UnknownId_Returns404()
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.Http.DeleteAsync("/v1/responses/resp_does_not_exist", Ct);

        var error = await AssertErrorAsync(response, 404, code: null, param: null);
        Assert.Contains("resp_does_not_exist", (string?)error["message"], StringComparison.Ordinal);
    }

    // ---- 6. input items ----

    private static async Task<string> CreateWithManyInputsAsync(HttpClient http, int count)
    {
        var input = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            input.Add(new JsonObject { ["role"] = "user", ["content"] = $"m{i}" });
        }

        return (string)(await CreateAsync(http, new JsonObject { ["model"] = "tandem-default", ["input"] = input }))["id"]!;
    }

    private static async Task<JsonObject> InputItemsAsync(HttpClient http, string id, string query = "")
    {
        using var response = await http.GetAsync($"/v1/responses/{id}/input_items{query}", Ct);
        Assert.Equal(200, (int)response.StatusCode);
        var page = await ReadJsonAsync(response);
        Assert.Equal("list", (string?)page["object"]);
        return page;
    }

    private static List<string> Texts(JsonObject page) =>
        page["data"]!.AsArray().Select(i => (string)i!["content"]![0]!["text"]!).ToList();

    [Fact]
    public async Task InputItems_Defaults_ReturnNewestFirstTwentyWithIdsAndTypes()
    {
        await using var server = await TestServer.StartAsync();
        var id = await CreateWithManyInputsAsync(server.Http, 25);

        var page = await InputItemsAsync(server.Http, id);

        var data = page["data"]!.AsArray();
        Assert.Equal(20, data.Count);
        Assert.Equal(Enumerable.Range(5, 20).Reverse().Select(i => $"m{i}"), Texts(page));
        Assert.All(data, item =>
        {
            Assert.Equal("message", (string?)item!["type"]);
            Assert.Equal("user", (string?)item["role"]);
            Assert.StartsWith("msg_", (string?)item["id"], StringComparison.Ordinal);
        });
        Assert.Equal(20, data.Select(i => (string)i!["id"]!).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal((string?)data[0]!["id"], (string?)page["first_id"]);
        Assert.Equal((string?)data[^1]!["id"], (string?)page["last_id"]);
        Assert.True((bool)page["has_more"]!);
    }

    [Fact]
    public async Task InputItems_PagingWithAfter_WalksEveryItemOnce()
    {
        await using var server = await TestServer.StartAsync();
        var id = await CreateWithManyInputsAsync(server.Http, 25);

        var seen = new List<string>();
        var pages = 0;
        string? after = null;
        while (true)
        {
            var page = await InputItemsAsync(server.Http, id, "?limit=10" + (after is null ? string.Empty : "&after=" + after));
            pages++;
            seen.AddRange(Texts(page));
            if (!(bool)page["has_more"]!)
            {
                break;
            }

            after = (string)page["last_id"]!;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"m{i}"), seen);
    }

    [Fact]
    public async Task InputItems_OrderAsc_ReturnsOldestFirst()
    {
        await using var server = await TestServer.StartAsync();
        var id = await CreateWithManyInputsAsync(server.Http, 25);

        var first = await InputItemsAsync(server.Http, id, "?order=asc&limit=20");
        var second = await InputItemsAsync(server.Http, id, $"?order=asc&limit=20&after={first["last_id"]}");

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"m{i}"), Texts(first));
        Assert.True((bool)first["has_more"]!);
        Assert.Equal(Enumerable.Range(20, 5).Select(i => $"m{i}"), Texts(second));
        Assert.False((bool)second["has_more"]!);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task InputItems_LimitOutOfRange_Returns400NamingLimit(int limit)
    {
        await using var server = await TestServer.StartAsync();
        var id = await CreateWithManyInputsAsync(server.Http, 2);

        using var response = await server.Http.GetAsync($"/v1/responses/{id}/input_items?limit={limit}", Ct);

        var error = await AssertErrorAsync(response, 400, limit < 1 ? "integer_below_min_value" : "integer_above_max_value", "limit");
        Assert.Contains("'limit'", (string?)error["message"], StringComparison.Ordinal);
    }

    // ---- 7. chaining ----

    [Fact]
    public async Task Create_WithPreviousResponseId_ContinuesTheStoredChain()
    {
        await using var server = await TestServer.StartAsync();
        var first = await CreateAsync(server.Http, ToolBody());
        var call = first["output"]!.AsArray().Single(i => (string?)i!["type"] == "function_call")!;

        var second = await CreateAsync(server.Http, new JsonObject
        {
            ["model"] = "tandem-default",
            ["previous_response_id"] = (string)first["id"]!,
            ["tools"] = new JsonArray(WeatherTool.DeepClone()),
            ["input"] = new JsonArray(new JsonObject { ["type"] = "function_call_output", ["call_id"] = (string)call["call_id"]!, ["output"] = "sunny, 21C" }),
        });

        Assert.Equal("completed", (string?)second["status"]);
        Assert.Equal((string?)first["id"], (string?)second["previous_response_id"]);
        Assert.Equal("The tool returned: \"sunny, 21C\"", (string?)second["output"]![0]!["content"]![0]!["text"]);
        Assert.True((int)second["usage"]!["input_tokens"]! > (int)first["usage"]!["input_tokens"]!, "the chain's history counts as input");
    }

    [Fact]
    public async Task Create_UnknownPreviousResponseId_Returns400PreviousResponseNotFound()
    {
        await using var server = await TestServer.StartAsync();
        var body = Body();
        body["previous_response_id"] = "resp_nope";

        var error = await AssertCreateFailsAsync(server.Http, body, "previous_response_not_found", "previous_response_id");

        Assert.Contains("resp_nope", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AfterFunctionCallWithoutItsOutput_Returns400NamingTheCallId()
    {
        await using var server = await TestServer.StartAsync();
        var first = await CreateAsync(server.Http, ToolBody());
        var callId = (string)first["output"]![0]!["call_id"]!;
        var body = Body(text: "never mind");
        body["previous_response_id"] = (string)first["id"]!;

        var error = await AssertCreateFailsAsync(server.Http, body, code: null, param: "input");

        Assert.Contains(callId, (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FunctionCallOutputWithUnknownCallId_Returns400()
    {
        await using var server = await TestServer.StartAsync();
        var body = new JsonObject
        {
            ["model"] = "tandem-default",
            ["input"] = new JsonArray(new JsonObject { ["type"] = "function_call_output", ["call_id"] = "call_unknown123", ["output"] = "42" }),
        };

        var error = await AssertCreateFailsAsync(server.Http, body, code: null, param: "input");

        Assert.Contains("call_unknown123", (string?)error["message"], StringComparison.Ordinal);
    }

    // ---- 8. validation ----

    [Fact]
    public async Task Create_MissingModel_Returns400MissingRequiredParameter()
    {
        await using var server = await TestServer.StartAsync();

        await AssertCreateFailsAsync(server.Http, new JsonObject { ["input"] = "hi" }, "missing_required_parameter", "model");
    }

    [Theory]
    [InlineData("stream_id", "\"lane-1\"")]
    [InlineData("generate", "false")]
    public async Task Create_WebSocketOnlyParameterOverHttp_Returns400UnknownParameter(string name, string value)
    {
        await using var server = await TestServer.StartAsync();
        var body = Body();
        body[name] = JsonNode.Parse(value);

        var error = await AssertCreateFailsAsync(server.Http, body, "unknown_parameter", name);

        Assert.Equal($"Unknown parameter: '{name}'.", (string?)error["message"]);
    }

    [Fact]
    public async Task Create_NegativeTemperature_Returns400DecimalBelowMinValueLikeOpenAi()
    {
        await using var server = await TestServer.StartAsync();
        var recorded = JsonNode.Parse(await File.ReadAllTextAsync(Fixtures.RecordedFile("pydantic-ai-error-400-temperature", "response.json"), Ct))!["error"]!;
        var body = Body();
        body["temperature"] = -1;

        var error = await AssertCreateFailsAsync(server.Http, body, "decimal_below_min_value", "temperature");

        Assert.Equal((string?)recorded["message"], (string?)error["message"]);
    }

    [Fact]
    public async Task Create_SeventeenMetadataPairs_Returns400NamingMetadata()
    {
        await using var server = await TestServer.StartAsync();
        var metadata = new JsonObject();
        for (var i = 0; i < 17; i++)
        {
            metadata[$"k{i}"] = "v";
        }

        var body = Body();
        body["metadata"] = metadata;

        await AssertCreateFailsAsync(server.Http, body, "object_above_max_properties", "metadata");
    }

    [Fact]
    public async Task Create_FunctionToolWithInvalidName_Returns400NamingTheTool()
    {
        await using var server = await TestServer.StartAsync();
        var body = ToolBody();
        body["tools"]![0]!["name"] = "get weather!";

        await AssertCreateFailsAsync(server.Http, body, "invalid_value", "tools[0].name");
    }

    [Fact]
    public async Task Create_StrictToolWithoutAdditionalPropertiesFalse_Returns400InvalidFunctionParameters()
    {
        await using var server = await TestServer.StartAsync();
        var body = ToolBody();
        body["tools"]![0]!["parameters"] = JsonNode.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");

        var error = await AssertCreateFailsAsync(server.Http, body, "invalid_function_parameters", "tools[0].parameters");

        Assert.Contains("additionalProperties", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_StrictToolWithPropertyMissingFromRequired_Returns400InvalidFunctionParameters()
    {
        await using var server = await TestServer.StartAsync();
        var body = ToolBody();
        body["tools"]![0]!["parameters"] = JsonNode.Parse(
            """{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},"required":["city"],"additionalProperties":false}""");

        var error = await AssertCreateFailsAsync(server.Http, body, "invalid_function_parameters", "tools[0].parameters");

        Assert.Contains("'unit'", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_MalformedJsonBody_Returns400InvalidJson()
    {
        await using var server = await TestServer.StartAsync();

        using var response = await PostRawAsync(server.Http, "/v1/responses", """{"model":"tandem-default","input":""");

        await AssertErrorAsync(response, 400, "invalid_json", param: null);
    }

    [Fact]
    public async Task Create_UnknownScenarioModel_Returns400ModelNotFound()
    {
        await using var server = await TestServer.StartAsync();

        var error = await AssertCreateFailsAsync(server.Http, Body("scenario/nope"), "model_not_found", "model");

        Assert.Equal("The requested model 'scenario/nope' does not exist.", (string?)error["message"]);
    }

    [Fact]
    public async Task Create_InvalidRequestWithStreamTrue_AnswersPlainJsonWithTheStatus()
    {
        await using var server = await TestServer.StartAsync();
        var body = Body("scenario/nope");
        body["stream"] = true;

        using var response = await Sse.PostAsync(server.Http, body);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        await AssertErrorAsync(response, 400, "model_not_found", "model");
    }

    // ---- 9. routes and models ----

    [Fact]
    public async Task UnknownV1Route_Returns404WithErrorShape()
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.Http.GetAsync("/v1/chat/nothing-here", Ct);

        var error = await AssertErrorAsync(response, 404, code: null, param: null);
        Assert.Contains("/v1/chat/nothing-here", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_Get_ListsDefaultModelAndEveryScenarioFile()
    {
        await using var server = await TestServer.StartAsync();
        var expectedScenarios = Directory.EnumerateFiles(Fixtures.Scenarios, "*.json")
            .Select(f => "scenario/" + (string)JsonNode.Parse(File.ReadAllText(f))!["name"]!)
            .ToList();
        Assert.NotEmpty(expectedScenarios);

        using var response = await server.Http.GetAsync("/v1/models", Ct);

        Assert.Equal(200, (int)response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("list", (string?)body["object"]);
        var ids = body["data"]!.AsArray().Select(m => (string)m!["id"]!).ToList();
        Assert.Contains("tandem-default", ids);
        Assert.All(expectedScenarios, s => Assert.Contains(s, ids));
        Assert.Equal(1 + expectedScenarios.Count, ids.Count);
        Assert.All(body["data"]!.AsArray(), m => Assert.Equal("model", (string?)m!["object"]));
    }
}
