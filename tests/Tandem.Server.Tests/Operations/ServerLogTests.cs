using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tandem.Server.Tests.Support;
using Tandem.TestSupport;

namespace Tandem.Server.Tests.Operations;

/// <summary>One structured line per request and per turn, and never a key.</summary>
public sealed class ServerLogTests
{
    [Fact]
    public async Task RequestsOverBothTransports_LogOneLinePerRequestAndTurn_WithoutKeys()
    {
        var sink = new CapturingLoggerProvider();
        var options = new TandemServerOptions { ScenarioDirectory = Fixtures.Scenarios, RequestLogging = true };
        options.Urls.Clear();
        options.Urls.Add("http://127.0.0.1:0");
        options.ApiKeys.Add(TestServer.KeyA);
        await using var host = await TandemServerHost.StartAsync(options, logging => logging.AddProvider(sink), TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestServer.KeyA);

        using (var ok = await Sse.PostAsync(http, new JsonObject { ["model"] = "scenario/hello", ["input"] = "hi" }))
        {
            Assert.True(ok.IsSuccessStatusCode);
        }

        using var wrong = new HttpClient { BaseAddress = host.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", "sk-wrong-secret-key-0123456789");
        using (var denied = await Sse.PostAsync(wrong, new JsonObject { ["model"] = "scenario/hello", ["input"] = "hi" }))
        {
            Assert.Equal(401, (int)denied.StatusCode);
        }

        using (var ws = new System.Net.WebSockets.ClientWebSocket())
        {
            ws.Options.SetRequestHeader("Authorization", "Bearer " + TestServer.KeyA);
            await ws.ConnectAsync(host.WebSocketUri, TestContext.Current.CancellationToken);
            var client = new WsTestClient(ws);
            await client.CreateAsync(new JsonObject { ["model"] = "scenario/hello", ["input"] = "hi", ["stream_id"] = "lane-x" });
            await client.ReceiveResponseAsync();
            await client.DisposeAsync();
        }

        await host.StopAsync(TestContext.Current.CancellationToken);
        var lines = sink.Lines.ToList();

        Assert.Equal(2, lines.Count(l => l.StartsWith("response resp_", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("response resp_", StringComparison.Ordinal) && l.Contains("transport=WebSocket lane=lane-x", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("http POST /v1/responses status=200", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("http POST /v1/responses status=401", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("websocket ws_", StringComparison.Ordinal) && l.Contains("closed", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(TestServer.KeyA, StringComparison.Ordinal) || l.Contains("sk-wrong-secret-key", StringComparison.Ordinal));
    }
}
