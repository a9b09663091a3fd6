using System.Text.Json;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Server.Tests.Support;

namespace Tandem.Responses.Tests.Transport;

/// <summary>The same conformance suite over HTTP+SSE and WebSocket mode, against the real local server.</summary>
public sealed class ConformanceTests
{
    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""
        {"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}
        """).RootElement;

    private static async Task<List<ResponseStreamEvent>> CollectAsync(ResponsesClient client, ResponseCreateRequest request)
    {
        var events = new List<ResponseStreamEvent>();
        await foreach (var evt in client.StreamAsync(request, cancellationToken: TestContext.Current.CancellationToken))
        {
            events.Add(evt);
        }

        return events;
    }

    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task StreamAsync_Text_YieldsCanonicalEventsAndDeltasRebuildTheAnswer(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);

        var events = await CollectAsync(client, new ResponseCreateRequest { Model = "scenario/hello", Input = "Hi!" });

        Assert.Equal(transport, client.ActiveTransport);
        Assert.Equal(ResponseEventTypes.Created, events[0].Type);
        Assert.Equal(ResponseEventTypes.InProgress, events[1].Type);
        Assert.Equal(ResponseEventTypes.Completed, events[^1].Type);
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.SequenceNumber ?? -1));
        var accumulator = new ResponseAccumulator();
        events.ForEach(accumulator.Add);
        var final = Assert.IsType<ResponseLifecycleEvent>(events[^1]).Response;
        Assert.StartsWith("Hello from Tandem!", final.GetOutputText(), StringComparison.Ordinal);
        Assert.Equal(final.GetOutputText(), Assert.IsType<MessageItem>(Assert.Single(accumulator.BuildOutput())).GetText());
        Assert.Empty(accumulator.SequenceGaps);
    }

    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task CreateAsync_Text_ReturnsTheCompletedResponse(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);

        var response = await client.CreateAsync(new ResponseCreateRequest { Model = "scenario/hello", Input = "Hi!" }, TestContext.Current.CancellationToken);

        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.StartsWith("Hello from Tandem!", response.GetOutputText(), StringComparison.Ordinal);
        Assert.True(response.Usage!.OutputTokens > 0);
    }

    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task StreamAsync_SingleToolCall_RoundTripsWithPreviousResponseId(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);
        var tools = new List<ResponseTool> { ResponseTool.Function("get_weather", "Weather for a city.", WeatherSchema) };

        var first = await client.CreateAsync(new ResponseCreateRequest { Model = "gpt-test", Input = "Weather?", Tools = tools }, TestContext.Current.CancellationToken);
        var call = Assert.IsType<FunctionCallItem>(Assert.Single(first.Output));
        Assert.Equal("get_weather", call.Name);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(call.Arguments).RootElement.GetProperty("city").ValueKind);

        var second = await client.CreateAsync(new ResponseCreateRequest
        {
            Model = "gpt-test",
            PreviousResponseId = first.Id,
            Tools = tools,
            Input = new ResponseInput([FunctionCallOutputItem.Create(call.CallId, "sunny, 21C")]),
        }, TestContext.Current.CancellationToken);

        Assert.Contains("sunny, 21C", second.GetOutputText(), StringComparison.Ordinal);
        Assert.Equal(first.Id, second.PreviousResponseId);
    }

    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task StreamAsync_ParallelToolCalls_ArriveAsSeparateItemsWithArguments(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);
        var chain = client.CreateChain(new ResponseCreateRequest { Model = "scenario/weather-three-turn" });

        var turn1 = await chain.SendAndWaitAsync([MessageItem.User("Weather?")], TestContext.Current.CancellationToken);
        var call = Assert.Single(turn1.Output.OfType<FunctionCallItem>());
        var events = new List<ResponseStreamEvent>();
        await foreach (var evt in chain.SendAsync([FunctionCallOutputItem.Create(call.CallId, "sunny")], TestContext.Current.CancellationToken))
        {
            events.Add(evt);
        }

        var done = events.OfType<OutputItemEvent>().Where(e => e.Type == ResponseEventTypes.OutputItemDone).Select(e => e.Item).OfType<FunctionCallItem>().ToList();
        Assert.Equal(["get_weather", "get_time"], done.Select(c => c.Name));
        Assert.Equal([0, 1], events.OfType<FunctionCallArgumentsDoneEvent>().Select(e => e.OutputIndex));
        Assert.All(done, c => Assert.Equal("Lyon", JsonDocument.Parse(c.Arguments).RootElement.GetProperty("city").GetString()));
        Assert.Equal(2, chain.LastResponse!.Output.OfType<FunctionCallItem>().Count());
    }

    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task StreamAsync_UnknownEventAndItemTypes_PassThroughRawWithoutEndingTheStream(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);

        var events = await CollectAsync(client, new ResponseCreateRequest { Model = "scenario/conformance-extras", Input = "go" });

        var unknown = events.OfType<UnknownStreamEvent>().ToList();
        Assert.Equal(["response.future_feature.progress", "response.web_search_call.completed"], unknown.Select(e => e.Type));
        Assert.Equal(1, unknown[0].Raw.GetProperty("detail").GetProperty("step").GetInt32());
        var final = Assert.IsType<ResponseLifecycleEvent>(events[^1]).Response;
        Assert.Equal(ResponseEventTypes.Completed, events[^1].Type);
        var search = Assert.IsType<UnknownResponseItem>(final.Output[0]);
        Assert.Equal("web_search_call", search.Type);
        Assert.Equal("tandem", search.Raw.GetProperty("action").GetProperty("query").GetString());
        Assert.Equal("Unknown things passed through unharmed.", final.GetOutputText());
    }

    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task StreamAsync_RequestError_ThrowsTypedExceptionWithStatusCodeAndParam(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);

        var ex = await Assert.ThrowsAsync<ResponsesException>(() => CollectAsync(client, new ResponseCreateRequest { Model = "scenario/nope", Input = "x" }));

        Assert.Equal(400, ex.Status);
        Assert.Equal("model_not_found", ex.Code);
        Assert.Equal("invalid_request_error", ex.ErrorType);
        Assert.Equal("model", ex.Param);
        Assert.False(ex.OutputStarted);
        if (transport == ResponsesTransportKind.HttpSse)
        {
            Assert.StartsWith("req_", ex.RequestId, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task StreamAsync_InBandErrorEvent_ThrowsTypedExceptionAfterTheEventsBeforeIt(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport, o => o.MaxRetries = 0);
        var seen = new List<string>();

        var ex = await Assert.ThrowsAsync<ResponsesException>(async () =>
        {
            await foreach (var evt in client.StreamAsync(new ResponseCreateRequest { Model = "scenario/in-band-error", Input = "x" }, cancellationToken: TestContext.Current.CancellationToken))
            {
                seen.Add(evt.Type);
            }
        });

        Assert.Equal([ResponseEventTypes.Created, ResponseEventTypes.InProgress], seen);
        Assert.Equal("server_error", ex.Code);
        Assert.Equal(500, ex.Status);
        Assert.Contains("scripted", ex.Message, StringComparison.Ordinal);
    }
}
