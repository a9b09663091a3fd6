using System.Net.WebSockets;
using Tandem.Benchmarks.Infrastructure;

namespace Tandem.Benchmarks.Turns.Runners;

/// <summary>
/// The WebSocket floor: one <see cref="ClientWebSocket"/>, a prebuilt <c>response.create</c>, and
/// frames read into one reused buffer until the one whose <c>type</c> is <c>response.completed</c>.
/// </summary>
public sealed class RawWebSocketTurnRunner : ITurnRunner
{
    private readonly ClientWebSocket _socket = new();
    private readonly Uri _uri;
    private readonly byte[] _message;
    private byte[] _buffer = new byte[64 * 1024];

    public RawWebSocketTurnRunner(Uri baseAddress)
    {
        _uri = LocalServer.WebSocketUri(baseAddress);
        _message = TurnRequests.WebSocketMessage(null);
        _socket.Options.SetRequestHeader("Authorization", TurnRequests.Authorization);
        _socket.Options.SetRequestHeader("OpenAI-Beta", "responses_websockets=2026-02-06");
    }

    public async Task InitializeAsync()
    {
        await _socket.ConnectAsync(_uri, CancellationToken.None).ConfigureAwait(false);
        await RunTurnAsync().ConfigureAwait(false);
    }

    public async Task<int> RunTurnAsync()
    {
        await _socket.SendAsync(_message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        var count = 0;
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == _buffer.Length)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2); // kept for later turns
                }

                result = await _socket.ReceiveAsync(_buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidOperationException($"The server closed the WebSocket: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
                }

                length += result.Count;
            }
            while (!result.EndOfMessage);

            count++;
            switch (EventTypeReader.Read(_buffer.AsSpan(0, length)))
            {
                case EventKind.Completed:
                    return count;
                case EventKind.Failed:
                    throw new InvalidOperationException("The turn failed.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None).ConfigureAwait(false);
        }

        _socket.Dispose();
    }
}
