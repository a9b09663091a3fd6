using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Tandem.Voice.Tests.Realtime.Support;

/// <summary>The server side of one fake Realtime WebSocket: receive client events, send server events or raw frames.</summary>
public sealed class FakeRealtimeConnection(WebSocket socket, string model)
{
    private readonly List<JsonObject> _received = [];

    public string Model { get; } = model;

    /// <summary>Every client event received so far, in order.</summary>
    public IReadOnlyList<JsonObject> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The next client event, or null when the client closed.</summary>
    public async Task<JsonObject?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var memory = buffer.GetMemory(64 * 1024);
            ValueWebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(memory, cancellationToken);
            }
            catch (WebSocketException)
            {
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                break;
            }
        }

        var obj = JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
        lock (_received)
        {
            _received.Add(obj);
        }

        return obj;
    }

    /// <summary>The next client event, which must be of <paramref name="type"/>.</summary>
    public async Task<JsonObject> ExpectAsync(string type, CancellationToken cancellationToken)
    {
        var evt = await ReceiveAsync(cancellationToken) ?? throw new InvalidOperationException($"The client closed while the server expected {type}.");
        var got = (string?)evt["type"];
        return got == type ? evt : throw new InvalidOperationException($"The server expected {type} but received {got}: {evt.ToJsonString()}");
    }

    public Task SendAsync(string json, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public Task SendAsync(JsonNode json, CancellationToken cancellationToken) => SendAsync(json.ToJsonString(), cancellationToken);

    /// <summary>One frame, possibly a fragment (<paramref name="endOfMessage"/> false) or binary.</summary>
    public Task SendFrameAsync(ReadOnlyMemory<byte> bytes, WebSocketMessageType type, bool endOfMessage, CancellationToken cancellationToken) =>
        socket.SendAsync(bytes, type, endOfMessage, cancellationToken).AsTask();

    /// <summary>Receives (and keeps) client events until the client closes.</summary>
    public async Task DrainUntilClosedAsync(CancellationToken cancellationToken)
    {
        while (await ReceiveAsync(cancellationToken) is not null)
        {
        }
    }

    public async Task CloseAsync(WebSocketCloseStatus status, string description, CancellationToken cancellationToken)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(status, description, cancellationToken);
        }
    }

    internal async Task CloseQuietlyAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
