using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Tandem.Server.Tests.Support;
using static Tandem.Server.Tests.Sessions.WebSocketTestKit;

namespace Tandem.Server.Tests.Sessions;

/// <summary>WebSocket mode (responses-protocol.md §2): handshake, framing, request fields, and the connection cache.</summary>
public sealed class WebSocketModeTests
{
    private static readonly string[] CanonicalTextEvents =
    [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
        "response.output_text.delta",
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
    ];

    // Rule 1: the handshake needs Authorization: Bearer <known key>; a refusal is a plain HTTP 401.
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer sk-not-a-known-key-0000000")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Handshake_MissingOrWrongKey_Returns401(string? authorization)
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (authorization is not null)
        {
            socket.Options.SetRequestHeader("Authorization", authorization);
        }

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.Host.WebSocketUri, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        Assert.Equal(0, server.Host.OpenWebSocketConnections);
    }

    // Rule 1: the same refusal seen by a plain HTTP client sending the upgrade headers.
    [Fact]
    public async Task Handshake_WrongKeyOverRawUpgrade_Returns401WithoutUpgrading()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.CreateHttpClient("sk-not-a-known-key-0000000");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/responses");
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new System.Net.Http.Headers.ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    // Rule 1: OpenAI-Beta is optional and unknown beta values are ignored.
    [Theory]
    [InlineData(null)]
    [InlineData("responses_websockets=2026-02-06")]
    [InlineData("responses_websockets=2099-12-31, assistants=v2")]
    public async Task Handshake_AnyOrNoBetaHeader_IsAcceptedAndServes(string? beta)
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + TestServer.KeyB);
        if (beta is not null)
        {
            socket.Options.SetRequestHeader("OpenAI-Beta", beta);
        }

        await socket.ConnectAsync(server.Host.WebSocketUri, TestContext.Current.CancellationToken);
        await using var ws = new WsTestClient(socket);

        var response = await CompleteAsync(ws, TextRequest("hi"));
        Assert.Equal("You said: \"hi\"", OutputText(response));
    }

    // Rule 2: with WebSocket mode off, the upgrade gets 426 so clients fall back to HTTP+SSE.
    [Fact]
    public async Task Handshake_WebSocketDisabled_Returns426()
    {
        await using var server = await TestServer.StartAsync(o => o.EnableWebSocket = false);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", "Bearer " + TestServer.KeyA);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.Host.WebSocketUri, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.UpgradeRequired, socket.HttpStatusCode);

        // The fallback the 426 points to works.
        var body = TextRequest("hi");
        body["stream"] = true;
        using var sse = await Sse.PostAsync(server.Http, body);
        Assert.Equal(HttpStatusCode.OK, sse.StatusCode);
        Assert.Equal("response.completed", (await Sse.ReadAsync(sse))[^1].Event);
    }

    // Rule 3: one JSON object per text frame; the same events in the same order as SSE; sequence numbers 0, 1, 2, ….
    [Fact]
    public async Task ResponseCreate_TextAnswer_SendsSseEventsOnePerTextFrame()
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await server.ConnectAsync();
        await ws.CreateAsync(new JsonObject { ["model"] = "scenario/hello", ["input"] = "Say hello." });

        var events = new List<JsonObject>();
        while (events.Count == 0 || (string?)events[^1]["type"] != "response.completed")
        {
            var (type, text) = await ws.ReceiveFrameAsync();
            Assert.Equal(WebSocketMessageType.Text, type);
            var evt = JsonNode.Parse(text)!.AsObject(); // throws unless the frame holds exactly one JSON object
            Assert.NotEqual("error", (string?)evt["type"]);
            events.Add(evt);
        }

        var types = events.Select(e => (string)e["type"]!).ToList();
        AssertCanonicalTextOrder(types);
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => (int)e["sequence_number"]!));
        Assert.All(events, e => Assert.False(e.ContainsKey("stream_id"), "no lane was named, so no event carries stream_id"));
        var deltas = string.Concat(events.Where(e => (string?)e["type"] == "response.output_text.delta").Select(e => (string)e["delta"]!));
        Assert.Equal(deltas, (string?)events.Single(e => (string?)e["type"] == "response.output_text.done")["text"]);

        // The same request over HTTP+SSE yields the same event types in the same order.
        using var sse = await Sse.PostAsync(server.Http, new JsonObject { ["model"] = "scenario/hello", ["input"] = "Say hello.", ["stream"] = true });
        var frames = await Sse.ReadAsync(sse);
        Assert.Equal(frames.Select(f => f.Event), types);
    }

    // Rule 4: `stream` is implicit: accepted, ignored, and events stream either way.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ResponseCreate_StreamField_IsIgnoredAndEventsStream(bool stream)
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await server.ConnectAsync();
        var body = TextRequest("stream or not");
        body["stream"] = stream;
        await ws.CreateAsync(body);

        var events = await ws.ReceiveResponseAsync();

        AssertCanonicalTextOrder(events.Select(e => (string)e["type"]!).ToList());
        Assert.Equal("You said: \"stream or not\"", OutputText(Completed(events)));
    }

    // Rule 5: background is not supported in WebSocket mode; the refusal leaves the connection usable.
    [Fact]
    public async Task ResponseCreate_BackgroundTrue_ReturnsErrorEnvelopeAndConnectionStaysUsable()
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await server.ConnectAsync();
        var body = TextRequest("in the background please");
        body["background"] = true;
        await ws.CreateAsync(body);

        var events = await ws.ReceiveResponseAsync();

        var error = AssertErrorEnvelope(Assert.Single(events), "unsupported_value", "background");
        Assert.Contains("ackground", (string)error["message"]!, StringComparison.Ordinal);
        Assert.Equal("You said: \"again\"", OutputText(await CompleteAsync(ws, TextRequest("again"))));
    }

    // Rule 6: generate:false warms up: a chainable id, no output; the next turn continues it from the cache.
    [Fact]
    public async Task ResponseCreate_GenerateFalse_ReturnsChainableIdWithoutOutput()
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await server.ConnectAsync();
        var warmup = TextRequest("Here is a long document to keep in context for later questions.", store: false);
        warmup["instructions"] = "Answer briefly.";
        warmup["generate"] = false;
        await ws.CreateAsync(warmup);

        var events = await ws.ReceiveResponseAsync();

        Assert.DoesNotContain(events, e => ((string)e["type"]!).StartsWith("response.output_", StringComparison.Ordinal));
        var warm = Completed(events);
        Assert.StartsWith("resp_", Id(warm), StringComparison.Ordinal);
        Assert.Empty(warm["output"]!.AsArray());
        Assert.Equal(0, (int)warm["usage"]!["output_tokens"]!);

        var next = TextRequest("What was that about?", store: false, previousResponseId: Id(warm));
        next["instructions"] = "Answer briefly.";
        var answer = await CompleteAsync(ws, next);
        Assert.Equal(Id(warm), (string?)answer["previous_response_id"]);
        Assert.True(CachedTokens(answer) > 0, "the warmed-up context is served from the connection cache");
        Assert.Equal("You said: \"What was that about?\"", OutputText(answer));
    }

    // Rule 7: a store:false chain continues from the connection cache.
    [Fact]
    public async Task Continuation_StoreFalseOnSameConnection_IsServedFromCache()
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await server.ConnectAsync();
        var first = await CompleteAsync(ws, TextRequest("one", store: false));
        Assert.Equal(0, CachedTokens(first));

        var second = await CompleteAsync(ws, TextRequest("two", store: false, previousResponseId: Id(first)));
        var third = await CompleteAsync(ws, TextRequest("three", store: false, previousResponseId: Id(second)));

        Assert.True(CachedTokens(second) > 0, "turn two is served from the cache");
        Assert.True(CachedTokens(third) > CachedTokens(second), "turn three's cached context includes turn two");
        Assert.Equal("You said: \"three\"", OutputText(third));
        Assert.False((bool)third["store"]!);
    }

    // Rule 7: the cache is connection-local and dies with the connection: a store:false chain cannot move.
    [Fact]
    public async Task Continuation_StoreFalseOnNewConnection_ReturnsPreviousResponseNotFound()
    {
        await using var server = await TestServer.StartAsync();
        string id;
        await using (var ws = await server.ConnectAsync())
        {
            id = Id(await CompleteAsync(ws, TextRequest("remember me", store: false)));

            // Another connection never sees this one's cache, even while it is open.
            await using var other = await server.ConnectAsync();
            await other.CreateAsync(TextRequest("continue", store: false, previousResponseId: id));
            AssertErrorEnvelope(await other.ReceiveAsync(), "previous_response_not_found", "previous_response_id");
        }

        // Closed: its cache is gone, and store:false never reached the store.
        await using var fresh = await server.ConnectAsync();
        await fresh.CreateAsync(TextRequest("continue", store: false, previousResponseId: id));
        var error = AssertErrorEnvelope(await fresh.ReceiveAsync(), "previous_response_not_found", "previous_response_id");
        Assert.Contains(id, (string)error["message"]!, StringComparison.Ordinal);
        using var get = await server.Http.GetAsync($"/v1/responses/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);

        // The documented recovery: resend the full context on a fresh chain.
        Assert.Equal("You said: \"continue\"", OutputText(await CompleteAsync(fresh, TextRequest("continue", store: false))));
    }

    // Rule 8: a cache miss with store:true loads the stored response: it works, with nothing cached.
    [Fact]
    public async Task Continuation_StoreTrueOnNewConnection_LoadsFromStoreWithoutCachedTokens()
    {
        await using var server = await TestServer.StartAsync();
        string id;
        await using (var ws = await server.ConnectAsync())
        {
            id = Id(await CompleteAsync(ws, TextRequest("stored turn", store: true)));
        }

        await using var fresh = await server.ConnectAsync();
        var next = await CompleteAsync(fresh, TextRequest("next turn", store: true, previousResponseId: id));

        Assert.Equal(id, (string?)next["previous_response_id"]);
        Assert.Equal(0, CachedTokens(next));
        Assert.True((int)next["usage"]!["input_tokens"]! > 0);
        Assert.Equal("You said: \"next turn\"", OutputText(next));
    }

    // Rule 9: a failed continuation evicts the id it referenced; with store:false nothing can bring it back.
    [Fact]
    public async Task Continuation_FailedWithStoreFalse_EvictsIdSoRetryGetsNotFound()
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await server.ConnectAsync();
        var call = await CompleteAsync(ws, ToolRequest("Weather in Paris?", store: false));
        var callId = SingleCallId(call);

        await ws.CreateAsync(TextRequest("never mind the tool", store: false, previousResponseId: Id(call)));
        var error = AssertErrorEnvelope(await ws.ReceiveAsync(), null, "input");
        Assert.Equal($"No tool output found for function call {callId}.", (string?)error["message"]);

        await ws.CreateAsync(ToolOutputRequest(Id(call), callId, "sunny", store: false));
        AssertErrorEnvelope(await ws.ReceiveAsync(), "previous_response_not_found", "previous_response_id");
    }

    // Rule 9: after the eviction, a store:true chain is still reachable, through the store (nothing cached).
    [Fact]
    public async Task Continuation_FailedWithStoreTrue_RetryLoadsFromStore()
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await server.ConnectAsync();
        var call = await CompleteAsync(ws, ToolRequest("Weather in Paris?", store: true));
        var callId = SingleCallId(call);

        await ws.CreateAsync(TextRequest("never mind the tool", store: true, previousResponseId: Id(call)));
        var error = AssertErrorEnvelope(await ws.ReceiveAsync(), null, "input");
        Assert.Equal($"No tool output found for function call {callId}.", (string?)error["message"]);

        var retry = await CompleteAsync(ws, ToolOutputRequest(Id(call), callId, "sunny", store: true));
        Assert.Equal(0, CachedTokens(retry));
        Assert.Equal("The tool returned: \"sunny\"", OutputText(retry));
    }

    // Rule 14: the server answers the client's pings, so a keep-alive client with a pong timeout stays connected.
    [Fact]
    public async Task Connection_ClientKeepAlivePings_AreAnsweredAndSocketStaysOpen()
    {
        await using var server = await TestServer.StartAsync(o => o.WebSocketKeepAlive = TimeSpan.Zero);
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + TestServer.KeyA);
        socket.Options.KeepAliveInterval = TimeSpan.FromMilliseconds(100);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(1);
        await socket.ConnectAsync(server.Host.WebSocketUri, TestContext.Current.CancellationToken);
        await using var ws = new WsTestClient(socket);

        // .NET reads PONGs only inside a pending receive (as a client's read loop has), so keep one
        // pending while idle for twice the pong timeout: one unanswered PING would abort the socket.
        var buffer = new byte[64 * 1024];
        var pending = socket.ReceiveAsync(buffer.AsMemory(), TestContext.Current.CancellationToken).AsTask();
        for (var i = 0; i < 5; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(400), TestContext.Current.CancellationToken);
            Assert.Equal(WebSocketState.Open, socket.State);
        }

        Assert.False(pending.IsCompleted, "nothing but control frames should have arrived");
        await ws.CreateAsync(TextRequest("still there?"));
        var first = await pending.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        Assert.Equal(WebSocketMessageType.Text, first.MessageType);
        Assert.True(first.EndOfMessage);
        Assert.Equal("response.created", (string?)JsonNode.Parse(buffer.AsSpan(0, first.Count))!["type"]);
        Assert.Equal("You said: \"still there?\"", OutputText(Completed(await ws.ReceiveResponseAsync())));
    }

    // Rule 16: well-formed JSON with a field of the wrong type gets a 400 naming the field; the connection goes on.
    [Theory]
    [InlineData("""{"type":"response.create","model":"tandem-default","input":42}""", "input")]
    [InlineData("""{"type":"response.create","model":"tandem-default","input":"hi","temperature":"hot"}""", "temperature")]
    [InlineData("""{"type":"response.create","model":"tandem-default","input":"hi","metadata":[1]}""", "metadata")]
    [InlineData("""{"type":"response.create","model":"tandem-default","input":"hi","store":"yes"}""", "store")]
    public async Task ResponseCreate_FieldOfWrongType_ReturnsErrorNamingFieldAndConnectionStaysUsable(string message, string field)
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await server.ConnectAsync();
        await ws.SendAsync(message);

        var error = AssertErrorEnvelope(await ws.ReceiveAsync(), "invalid_type", field);
        Assert.Contains($"'{field}'", (string)error["message"]!, StringComparison.Ordinal);

        Assert.Equal("You said: \"fixed\"", OutputText(await CompleteAsync(ws, TextRequest("fixed"))));
    }

    private static void AssertCanonicalTextOrder(List<string> types)
    {
        var collapsed = types.Where((t, i) => i == 0 || t != "response.output_text.delta" || types[i - 1] != t).ToList();
        Assert.Equal(CanonicalTextEvents, collapsed);
        Assert.True(types.Count(t => t == "response.output_text.delta") >= 1);
    }
}
