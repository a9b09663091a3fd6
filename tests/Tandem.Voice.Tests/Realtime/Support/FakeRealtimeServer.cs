using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tandem.Voice.Tests.Realtime.Support;

/// <summary>
/// A stand-in for the Realtime endpoint: Kestrel on 127.0.0.1 with a free port, accepting
/// <c>/v1/realtime</c> WebSockets that carry the expected bearer key and a <c>model</c>, and running
/// <paramref name="script"/> on each connection.
/// </summary>
public sealed class FakeRealtimeServer : IAsyncDisposable
{
    public const string Key = "sk-test-realtime-7f3a9c2e5b8d1f4a6c0e";

    private readonly WebApplication _app;
    private readonly TaskCompletionSource<FakeRealtimeConnection> _firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _scriptDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeRealtimeServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary><c>ws://127.0.0.1:port/v1/realtime</c>.</summary>
    public Uri BaseUrl { get; private set; }

    /// <summary>The first connection, once accepted.</summary>
    public Task<FakeRealtimeConnection> Connection => _firstConnection.Task;

    /// <summary>Completes when the first connection's script has run (faulted when it threw).</summary>
    public Task ScriptDone => _scriptDone.Task;

    /// <summary>Handshakes refused (bad key, no model), with the reason.</summary>
    public List<string> Refused { get; } = [];

    public static async Task<FakeRealtimeServer> StartAsync(Func<FakeRealtimeConnection, CancellationToken, Task> script, string expectedModel = "gpt-realtime-1.5")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeRealtimeServer? server = null;
        app.UseWebSockets();
        app.Map("/v1/realtime", async (HttpContext context) =>
        {
            var self = server!;
            if (context.Request.Headers.Authorization.ToString() != "Bearer " + Key)
            {
                lock (self.Refused)
                {
                    self.Refused.Add("authorization");
                }

                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsync("""{"error":{"type":"invalid_request_error","code":"invalid_api_key","message":"Incorrect API key provided."}}""");
                return;
            }

            var model = context.Request.Query["model"].ToString();
            if (model != expectedModel || !context.WebSockets.IsWebSocketRequest)
            {
                lock (self.Refused)
                {
                    self.Refused.Add($"model '{model}'");
                }

                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = new FakeRealtimeConnection(socket, model);
            self._firstConnection.TrySetResult(connection);
            try
            {
                await script(connection, context.RequestAborted);
                self._scriptDone.TrySetResult();
            }
            catch (Exception ex)
            {
                self._scriptDone.TrySetException(ex);
            }
            finally
            {
                await connection.CloseQuietlyAsync();
            }
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        server = new FakeRealtimeServer(app, new Uri($"ws://127.0.0.1:{port}/v1/realtime"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    /// <summary>The script's failure, if any, as the test's failure.</summary>
    public async Task AssertScriptSucceededAsync()
    {
        await ScriptDone.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }

    /// <summary>A server error envelope answering <paramref name="clientEventId"/>.</summary>
    public static string Error(string? clientEventId, string code, string message, string? param = null, string type = "invalid_request_error") =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["type"] = "error",
            ["event_id"] = "event_err" + Guid.NewGuid().ToString("N")[..12],
            ["error"] = new Dictionary<string, object?> { ["type"] = type, ["code"] = code, ["message"] = message, ["param"] = param, ["event_id"] = clientEventId },
        });
}
