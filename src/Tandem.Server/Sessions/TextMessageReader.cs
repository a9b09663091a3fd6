using System.Buffers;
using System.Net.WebSockets;

namespace Tandem.Server.Sessions;

/// <summary>
/// Reads whole text messages from a server-side WebSocket, up to a size limit, for the Responses
/// and the Realtime sessions alike. Between messages it holds no buffer: it waits for the next one
/// with an empty read, so an idle connection keeps none (thousands of idle connections are the
/// common case). A message is valid until the next <see cref="ReadAsync"/>.
/// </summary>
internal sealed class TextMessageReader(WebSocket socket, int maxMessageBytes, int initialBuffer) : IDisposable
{
    private byte[]? _buffer;

    /// <summary>Why the last <see cref="ReadAsync"/> returned null, and how to close.</summary>
    public TextMessageEnd End { get; private set; }

    /// <summary>The next whole text message, or null when the connection must close (see <see cref="End"/>).</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadAsync(CancellationToken cancellationToken)
    {
        Release();

        // Wait for the next message without holding a buffer.
        var peek = await socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        if (Ended(peek.MessageType))
        {
            return null;
        }

        if (peek.EndOfMessage)
        {
            return ReadOnlyMemory<byte>.Empty; // an empty text message is whole already
        }

        var buffer = _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(initialBuffer, maxMessageBytes + 1));
        var count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                // Grow up to one byte past the limit: enough to know the limit was crossed.
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxMessageBytes + 1));
                buffer.AsSpan(0, count).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = _buffer = bigger;
            }

            var result = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
            if (Ended(result.MessageType))
            {
                return null;
            }

            count += result.Count;
            if (count > maxMessageBytes)
            {
                End = new("message too big", WebSocketCloseStatus.MessageTooBig, $"Message exceeds the limit of {maxMessageBytes} bytes.");
                return null;
            }

            if (result.EndOfMessage)
            {
                return buffer.AsMemory(0, count);
            }
        }
    }

    public void Dispose() => Release();

    private bool Ended(WebSocketMessageType type)
    {
        switch (type)
        {
            case WebSocketMessageType.Close:
                End = new("client closed", WebSocketCloseStatus.NormalClosure, string.Empty);
                return true;
            case WebSocketMessageType.Binary:
                End = new("binary frame", WebSocketCloseStatus.InvalidMessageType, "Binary frames are not supported: send each event as one JSON text frame.");
                return true;
            default:
                return false;
        }
    }

    private void Release()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
