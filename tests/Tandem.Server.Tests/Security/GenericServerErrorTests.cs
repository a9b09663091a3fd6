using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tandem.Server.Backends;
using Tandem.Server.Tests.Support;
using static Tandem.Server.Tests.Endpoints.HttpTestHelpers;

namespace Tandem.Server.Tests.Security;

/// <summary>
/// Checklist S10: when the server itself fails, the client gets the API's generic error with a
/// request id — never the exception's text, a stack trace, a key or an upstream body (the cause goes
/// to the server's log under that id).
/// </summary>
public sealed class GenericServerErrorTests
{
    private const string Secret = "sk-live-CANARY0123456789abcdef";

    private sealed class ExplodingBackend : IModelBackend
    {
        public bool CanServe(ModelRequest request) => request.Model == "explode";

        public ValueTask<ModelTurn> GenerateAsync(ModelRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"upstream said 401 for key {Secret}: " + """{"error":{"message":"upstream body"}}""");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Http_BackendThrows_Returns500WithTheGenericErrorAndTheRequestId(bool stream)
    {
        await using var server = await TestServer.StartAsync(o => o.Backends.Add(new ExplodingBackend()));
        var body = new JsonObject { ["model"] = "explode", ["input"] = "Hi", ["stream"] = stream };

        using var response = await Sse.PostAsync(server.Http, body);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(500, (int)response.StatusCode);
        var requestId = Assert.Single(response.Headers.GetValues("x-request-id"));
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Equal("server_error", (string?)error["type"]);
        Assert.Contains(requestId, (string?)error["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("upstream", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_BackendThrows_LogsTheCauseUnderTheRequestIdWithTheSecretsRedacted()
    {
        var sink = new CapturingLoggerProvider();
        var options = new TandemServerOptions { ScenarioDirectory = Tandem.TestSupport.Fixtures.Scenarios, RequestLogging = true };
        options.Urls.Clear();
        options.Urls.Add("http://127.0.0.1:0");
        options.ApiKeys.Add(TestServer.KeyA);
        options.Backends.Add(new ExplodingBackend());
        await using var host = await TandemServerHost.StartAsync(options, logging => logging.AddProvider(sink), Ct);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestServer.KeyA);

        using var response = await Sse.PostAsync(http, new JsonObject { ["model"] = "explode", ["input"] = $"my key is {TestServer.KeyA}" });
        var requestId = Assert.Single(response.Headers.GetValues("x-request-id"));

        var failure = Assert.Single(sink.Lines, l => l.Contains("failed", StringComparison.Ordinal) && l.Contains(requestId, StringComparison.Ordinal));
        Assert.Contains("upstream said 401", failure, StringComparison.Ordinal); // the cause is in the log...
        Assert.DoesNotContain(Secret, failure, StringComparison.Ordinal); // ...without the key it quoted (S9)
        Assert.All(sink.Lines, l => Assert.DoesNotContain(TestServer.KeyA, l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WebSocket_BackendThrows_SendsTheGenericErrorAndTheConnectionStaysUsable()
    {
        await using var server = await TestServer.StartAsync(o => o.Backends.Add(new ExplodingBackend()));
        await using var ws = await server.ConnectAsync();

        await ws.CreateAsync(new JsonObject { ["model"] = "explode", ["input"] = "Hi" });
        var error = await ws.ReceiveAsync();
        await ws.CreateAsync(new JsonObject { ["model"] = "tandem-default", ["input"] = "Still there?" });
        var next = await ws.ReceiveResponseAsync();

        Assert.Equal("error", (string?)error["type"]);
        Assert.Equal(500, (int)error["status"]!);
        Assert.Equal("server_error", (string?)error["error"]!["type"]);
        Assert.Matches("req_[0-9a-zA-Z]+", (string?)error["error"]!["message"]);
        Assert.DoesNotContain(Secret, error.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("upstream", error.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("response.completed", (string?)next[^1]["type"]);
    }
}
