using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Tandem.Server.Tests.Realtime.Support;

/// <summary>A raw Realtime WebSocket client: JSON events out, one event per frame in, every received event kept.</summary>
public sealed class RealtimeTestClient : IAsyncDisposable
{
    // A safety net against a hung server, not an assertion: every wait normally ends in milliseconds.
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(60);

    public RealtimeTestClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <summary>Every event received so far, in order.</summary>
    public List<JsonObject> Received { get; } = [];

    public Task SendAsync(string json) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

    public Task SendAsync(JsonObject clientEvent) => SendAsync(clientEvent.ToJsonString());

    public async Task AppendAsync(IEnumerable<string> base64Frames)
    {
        foreach (var frame in base64Frames)
        {
            await SendAsync(new JsonObject { ["type"] = "input_audio_buffer.append", ["audio"] = frame });
        }
    }

    /// <summary>The next event; fails the test when the socket closes.</summary>
    public async Task<JsonObject> ReceiveAsync()
    {
        var (type, text) = await ReceiveFrameAsync();
        if (type == WebSocketMessageType.Close)
        {
            throw new InvalidOperationException($"The server closed the socket: {Socket.CloseStatus} {Socket.CloseStatusDescription}");
        }

        var evt = JsonNode.Parse(text)!.AsObject();
        Received.Add(evt);
        return evt;
    }

    /// <summary>The next event, which must be of <paramref name="type"/>.</summary>
    public async Task<JsonObject> ExpectAsync(string type)
    {
        var evt = await ReceiveAsync();
        Assert.True((string?)evt["type"] == type, $"Expected {type}, got {evt.ToJsonString()}");
        return evt;
    }

    /// <summary>Events up to and including the first that <paramref name="stop"/> accepts.</summary>
    public async Task<List<JsonObject>> ReceiveUntilAsync(Func<JsonObject, bool> stop)
    {
        var events = new List<JsonObject>();
        while (true)
        {
            var evt = await ReceiveAsync();
            events.Add(evt);
            if (stop(evt))
            {
                return events;
            }
        }
    }

    public Task<List<JsonObject>> ReceiveUntilAsync(string type) => ReceiveUntilAsync(e => (string?)e["type"] == type);

    /// <summary>Reads until the server closes, answers the close as a well-behaved client does, and returns the server's close status.</summary>
    public async Task<WebSocketCloseStatus?> ReceiveCloseAsync()
    {
        while (true)
        {
            try
            {
                var (type, text) = await ReceiveFrameAsync();
                if (type == WebSocketMessageType.Close)
                {
                    var status = Socket.CloseStatus;
                    if (Socket.State == WebSocketState.CloseReceived)
                    {
                        await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, TestContext.Current.CancellationToken);
                    }

                    return status;
                }

                Received.Add(JsonNode.Parse(text)!.AsObject());
            }
            catch (WebSocketException)
            {
                return Socket.CloseStatus;
            }
        }
    }

    private async Task<(WebSocketMessageType Type, string Text)> ReceiveFrameAsync()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(SafetyTimeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, string.Empty);
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
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The server is gone already.
            }
        }

        Socket.Dispose();
    }
}
