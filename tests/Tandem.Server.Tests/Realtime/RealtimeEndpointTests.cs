using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Tandem.Server.Tests.Realtime.Support;
using Tandem.Server.Tests.Support;

namespace Tandem.Server.Tests.Realtime;

/// <summary>GET /v1/realtime: the upgrade, its refusals in OpenAI's error shape, and the session.created a connection starts with.</summary>
public sealed class RealtimeEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_KnownModel_SendsSessionCreatedWithTheFullEffectiveSession()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));
        var (client, created) = await server.ConnectAsync("sphinx-alnum");
        await using var _ = client;

        Assert.StartsWith("event_", (string?)created["event_id"], StringComparison.Ordinal);
        var session = created["session"]!.AsObject();
        Assert.Equal("realtime", (string?)session["type"]);
        Assert.Equal("realtime.session", (string?)session["object"]);
        Assert.StartsWith("sess_", (string?)session["id"], StringComparison.Ordinal);
        Assert.Equal("sphinx-alnum", (string?)session["model"]);
        Assert.Equal("[\"audio\"]", session["output_modalities"]!.ToJsonString());
        Assert.Equal("[]", session["tools"]!.ToJsonString());
        Assert.Equal("auto", (string?)session["tool_choice"]);
        Assert.Equal("inf", (string?)session["max_output_tokens"]);
        Assert.Equal("auto", (string?)session["truncation"]);
        foreach (var nullField in new[] { "tracing", "prompt", "include" })
        {
            Assert.True(session.ContainsKey(nullField) && session[nullField] is null, nullField + " must be an explicit null");
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds((long)session["expires_at"]!);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        var input = session["audio"]!["input"]!.AsObject();
        Assert.Equal("{\"type\":\"audio/pcm\",\"rate\":24000}", input["format"]!.ToJsonString());
        Assert.True(input.ContainsKey("transcription") && input["transcription"] is null);
        Assert.True(input.ContainsKey("noise_reduction") && input["noise_reduction"] is null);
        var vad = input["turn_detection"]!.AsObject();
        Assert.Equal("server_vad", (string?)vad["type"]);
        Assert.Equal(0.5, (double)vad["threshold"]!);
        Assert.Equal(300, (int)vad["prefix_padding_ms"]!);
        Assert.Equal(500, (int)vad["silence_duration_ms"]!);
        Assert.True(vad.ContainsKey("idle_timeout_ms") && vad["idle_timeout_ms"] is null);
        Assert.True((bool)vad["create_response"]!);
        Assert.True((bool)vad["interrupt_response"]!);
        var output = session["audio"]!["output"]!.AsObject();
        Assert.Equal("alloy", (string?)output["voice"]);
        Assert.Equal(1.0, (double)output["speed"]!);
    }

    [Fact]
    public async Task Connect_SessionCreated_HasTheKeysOfOpenAisSessionCreated()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));
        var (client, created) = await server.ConnectAsync();
        await using var _ = client;
        var recorded = RecordedSessions.Load("realtime-openai-tool-call-round").First(e => e.Direction == "server").Event;

        Assert.Equal(EventShape.KeyPaths(recorded), EventShape.KeyPaths(created));
    }

    [Fact]
    public async Task Connect_NoModelInUrl_UsesTheDefaultModel()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));
        await using var client = await server.OpenAsync(null, TestServer.KeyA);

        var created = await client.ExpectAsync("session.created");

        Assert.Equal("sphinx-lm", (string?)created["session"]!["model"]);
    }

    [Fact]
    public async Task Connect_UnknownModel_Returns404NamingTheModelsAvailable()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));

        using var response = await server.Server.Http.GetAsync(new Uri("/v1/realtime?model=gpt-realtime", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!;
        Assert.Equal("Model 'gpt-realtime' is not available on this server; use sphinx-alnum or sphinx-lm.", (string?)error["message"]);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Equal("model_not_found", (string?)error["code"]);
        Assert.Equal("model", (string?)error["param"]);

        var upgrade = await Assert.ThrowsAsync<WebSocketException>(() => server.OpenAsync("gpt-realtime", TestServer.KeyA));
        Assert.Contains("404", upgrade.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithoutWebSocketUpgrade_Returns400NamingTheModels()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));

        using var response = await server.Server.Http.GetAsync(new Uri("/v1/realtime?model=sphinx-lm", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!.AsObject();
        Assert.Contains("WebSocket", (string?)error["message"], StringComparison.Ordinal);
        Assert.Contains("sphinx-alnum or sphinx-lm", (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal(["message", "type", "param", "code"], error.Select(p => p.Key));
    }

    [Fact]
    public async Task Connect_WithoutKeyWhenKeysAreConfigured_IsRefusedWith401()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => server.OpenAsync("sphinx-lm", null));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);

        using var anonymous = server.Server.CreateHttpClient(null);
        using var response = await anonymous.GetAsync(new Uri("/v1/realtime?model=sphinx-lm", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_request_error", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!["type"]);
    }

    [Fact]
    public async Task Connect_WrongKey_IsRefusedWith401()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => server.OpenAsync("sphinx-lm", "sk-not-a-key-of-this-server-0000"));

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RealtimeDisabled_Returns404()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"), o => o.Realtime.Enabled = false);

        using var response = await server.Server.Http.GetAsync(new Uri("/v1/realtime?model=sphinx-lm", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("disabled", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DefaultModelNotAmongModels_ThrowsNamingIt()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TestServer.StartAsync(o => o.Realtime.DefaultModel = "whisper"));

        Assert.Contains("'whisper'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_SessionMaxDurationReached_SendsSessionExpiredThenCloses()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"), o => o.Realtime.MaxSessionDuration = TimeSpan.FromSeconds(1));
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;

        var error = await client.ExpectAsync("error");

        Assert.Equal("session_expired", (string?)error["error"]!["code"]);
        Assert.Equal("invalid_request_error", (string?)error["error"]!["type"]);
        Assert.Contains("maximum duration", (string?)error["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Stop_WithAnOpenSession_ClosesItAsGoingAway()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;

        var stopping = server.Host.StopAsync(Ct);
        var status = await client.ReceiveCloseAsync();
        await stopping;

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
    }

    [Fact]
    public async Task Connect_ClientSendsClose_ServerAnswersWithANormalClose()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));
        var (client, _) = await server.ConnectAsync();
        Assert.Equal(1, server.Host.OpenRealtimeSessions);

        await client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", Ct);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await client.ReceiveCloseAsync());
        await client.DisposeAsync();
    }
}
