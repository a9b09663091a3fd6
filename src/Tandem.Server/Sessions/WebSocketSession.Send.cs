using System.Buffers;
using System.Net.WebSockets;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Server.Sessions;

/// <summary>One sender at a time (a WebSocket allows no concurrent sends); one JSON object per text frame.</summary>
internal sealed partial class WebSocketSession
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _sendBuffer = new(16 * 1024);

    private async ValueTask SendEventAsync(ResponseStreamEvent evt, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _sendBuffer.ResetWrittenCount();
            ProtocolJson.Write(_sendBuffer, evt);
            await _socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Sends an event already serialised (for the store), adding the lane as a leading
    /// <c>"stream_id"</c> member when there is one (a validated id needs no escaping).
    /// </summary>
    private async ValueTask SendRawAsync(byte[] json, string? streamId, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ReadOnlyMemory<byte> frame = json;
            if (streamId is not null)
            {
                _sendBuffer.ResetWrittenCount();
                _sendBuffer.Write("{\"stream_id\":\""u8);
                System.Text.EncodingExtensions.GetBytes(System.Text.Encoding.ASCII, streamId, _sendBuffer);
                _sendBuffer.Write("\","u8);
                _sendBuffer.Write(json.AsSpan(1));
                frame = _sendBuffer.WrittenMemory;
            }

            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async ValueTask SendErrorAsync(int status, ApiError error, string? streamId, CancellationToken cancellationToken)
    {
        try
        {
            await SendEventAsync(ErrorEvent.Envelope(status, error, streamId), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            // The peer went away; the error has nobody to reach.
        }
    }
}
