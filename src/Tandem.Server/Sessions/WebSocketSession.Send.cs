using System.Buffers;
using System.Net.WebSockets;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Server.Sessions;

/// <summary>One sender at a time (a WebSocket allows no concurrent sends); one JSON object per text frame.</summary>
internal sealed partial class WebSocketSession
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private ArrayBufferWriter<byte>? _sendBuffer;

    /// <summary>Created on the first send (under the send lock): an idle connection holds no send buffer.</summary>
    private ArrayBufferWriter<byte> SendBuffer => _sendBuffer ??= new(16 * 1024);

    private async ValueTask SendEventAsync(ResponseStreamEvent evt, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SendBuffer.ResetWrittenCount();
            ProtocolJson.Write(SendBuffer, evt);
            await _socket.SendAsync(SendBuffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
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
                SendBuffer.ResetWrittenCount();
                SendBuffer.Write("{\"stream_id\":\""u8);
                System.Text.EncodingExtensions.GetBytes(System.Text.Encoding.ASCII, streamId, SendBuffer);
                SendBuffer.Write("\","u8);
                SendBuffer.Write(json.AsSpan(1));
                frame = SendBuffer.WrittenMemory;
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
