using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tandem.Server.Tests.Support;

/// <summary>A raw WebSocket-mode client for tests: send JSON text, read one event per frame.</summary>
public sealed class WsTestClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public WsTestClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    public Task SendAsync(string json) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

    public Task SendAsync(JsonObject message) => SendAsync(message.ToJsonString());

    /// <summary>Sends <c>response.create</c> with the given body fields.</summary>
    public Task CreateAsync(JsonObject body)
    {
        body["type"] = "response.create";
        return SendAsync(body);
    }

    /// <summary>The next event; fails the test on close or timeout.</summary>
    public async Task<JsonObject> ReceiveAsync(TimeSpan? timeout = null)
    {
        var result = await ReceiveFrameAsync(timeout);
        if (result.MessageType == WebSocketMessageType.Close)
        {
            throw new InvalidOperationException($"The server closed the socket: {Socket.CloseStatus} {Socket.CloseStatusDescription}");
        }

        return JsonNode.Parse(result.Text)!.AsObject();
    }

    /// <summary>Events until a terminal one (<c>response.completed</c>/<c>failed</c>/<c>incomplete</c>/<c>error</c>), inclusive.</summary>
    public async Task<List<JsonObject>> ReceiveResponseAsync(TimeSpan? timeout = null)
    {
        var events = new List<JsonObject>();
        while (true)
        {
            var evt = await ReceiveAsync(timeout);
            events.Add(evt);
            if ((string?)evt["type"] is "response.completed" or "response.failed" or "response.incomplete" or "error")
            {
                return events;
            }
        }
    }

    /// <summary>Reads until the server closes; returns its close status.</summary>
    public async Task<WebSocketCloseStatus?> ReceiveCloseAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            (WebSocketMessageType MessageType, string Text) frame;
            try
            {
                frame = await ReceiveFrameAsync(timeout);
            }
            catch (WebSocketException)
            {
                return Socket.CloseStatus;
            }

            if (frame.MessageType == WebSocketMessageType.Close)
            {
                return Socket.CloseStatus;
            }
        }
    }

    public async Task<(WebSocketMessageType MessageType, string Text)> ReceiveFrameAsync(TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? DefaultTimeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (WebSocketMessageType.Close, string.Empty);
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, Encoding.UTF8.GetString(message.ToArray()));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty, cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        Socket.Dispose();
    }
}
