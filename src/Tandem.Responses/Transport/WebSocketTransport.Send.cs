using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using Tandem.Responses.Diagnostics;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Transport;

/// <summary>Sending: one JSON object per text frame, one sender at a time, from a reused buffer.</summary>
internal sealed partial class WebSocketTransport
{
    private static async ValueTask SendAsync(WebSocketConnection connection, ResponseCreateRequest request, string? lane, CancellationToken cancellationToken)
    {
        await connection.SendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var length = WriteCreateEvent(connection, request, lane);
            await connection.Socket.SendAsync(connection.SendBuffer.WrittenMemory[..length], WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            ResponsesDiagnostics.BytesSent.Add(length, TransportTag);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A socket reset under a send surfaces as a cancellation from the WebSocket layer.
            throw new ResponsesConnectionException($"Could not send on the WebSocket: {ex.Message}", ex);
        }
        finally
        {
            connection.SendLock.Release();
        }
    }

    /// <summary>
    /// Writes <paramref name="request"/> as the <c>response.create</c> client event into the
    /// connection's send buffer and returns its length. The usual request (no <c>type</c>,
    /// <c>stream_id</c> or <c>stream</c> of its own) is written as it is after <c>"type"</c> and the
    /// lane, rather than copied per turn to set them.
    /// </summary>
    internal static int WriteCreateEvent(WebSocketConnection connection, ResponseCreateRequest request, string? lane)
    {
        LargeStringCache.Begin(); // a request's long strings are likely sent again next turn
        try
        {
            return WriteCreateEventCore(connection, request, lane);
        }
        finally
        {
            LargeStringCache.End();
        }
    }

    private static int WriteCreateEventCore(WebSocketConnection connection, ResponseCreateRequest request, string? lane)
    {
        var buffer = connection.SendBuffer;
        buffer.ResetWrittenCount();
        var json = connection.SendWriter ??= new Utf8JsonWriter(buffer, ProtocolJson.WriterOptions);
        if (request.Type is not null || request.StreamId is not null || request.Stream is not null)
        {
            var wire = request.Clone();
            wire.Type = ResponseEventTypes.ResponseCreate;
            wire.StreamId = lane;
            wire.Stream = null; // implicit in WebSocket mode
            json.Reset(buffer);
            JsonSerializer.Serialize(json, wire, ProtocolJson.Info<ResponseCreateRequest>());
            json.Flush();
            return buffer.WrittenCount;
        }

        buffer.Write("{\"type\":\"response.create\""u8);
        if (lane is not null)
        {
            buffer.Write(",\"stream_id\":"u8);
            json.Reset(buffer);
            json.WriteStringValue(lane);
            json.Flush();
        }

        // The request's own object follows; its "{" becomes the "," after the fields above.
        var open = buffer.WrittenCount;
        json.Reset(buffer);
        JsonSerializer.Serialize(json, request, ProtocolJson.Info<ResponseCreateRequest>());
        json.Flush();
        var written = MemoryMarshal.AsMemory(buffer.WrittenMemory).Span;
        if (written.Length - open == 2)
        {
            written[open] = (byte)'}'; // the request was {}: close the event there
            return open + 1;
        }

        written[open] = (byte)',';
        return written.Length;
    }
}
