using System.Net.Http.Headers;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Tandem.Server;
using Tandem.TestSupport;

namespace Tandem.Server.Tests.Support;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, plus clients bound to it.</summary>
public sealed class TestServer : IAsyncDisposable
{
    public const string KeyA = "sk-test-key-aaaaaaaaaaaaaaaa";
    public const string KeyB = "sk-test-key-bbbbbbbbbbbbbbbb";

    private TestServer(TandemServerHost host, TandemServerOptions options)
    {
        Host = host;
        Options = options;
        Http = CreateHttpClient(KeyA);
    }

    public TandemServerHost Host { get; }

    public TandemServerOptions Options { get; }

    /// <summary>An HTTP client authenticated with <see cref="KeyA"/>.</summary>
    public HttpClient Http { get; }

    public Uri BaseAddress => Host.BaseAddress;

    /// <summary>Starts a server with keys A and B, the repository's scenarios, and no log output.</summary>
    public static async Task<TestServer> StartAsync(Action<TandemServerOptions>? configure = null)
    {
        var options = new TandemServerOptions { ScenarioDirectory = Fixtures.Scenarios, RequestLogging = false };
        options.Urls.Clear();
        options.Urls.Add("http://127.0.0.1:0");
        options.ApiKeys.Add(KeyA);
        options.ApiKeys.Add(KeyB);
        configure?.Invoke(options);
        var host = await TandemServerHost.StartAsync(options, logging => logging.SetMinimumLevel(LogLevel.Critical), TestContext.Current.CancellationToken);
        return new TestServer(host, options);
    }

    public HttpClient CreateHttpClient(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Opens a WebSocket-mode connection with <paramref name="key"/> (default: key A).</summary>
    public async Task<WsTestClient> ConnectAsync(string? key = KeyA)
    {
        var socket = new ClientWebSocket();
        if (key is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + key);
        }

        socket.Options.SetRequestHeader("OpenAI-Beta", "responses_websockets=2026-02-06");
        await socket.ConnectAsync(Host.WebSocketUri, TestContext.Current.CancellationToken);
        return new WsTestClient(socket);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
