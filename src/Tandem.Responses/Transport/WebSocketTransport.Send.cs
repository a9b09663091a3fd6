using System.Net.WebSockets;
using Tandem.Responses.Diagnostics;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Transport;

/// <summary>Sending: one JSON object per text frame, one sender at a time, from a reused buffer.</summary>
internal sealed partial class WebSocketTransport
{
    private static async ValueTask SendAsync(WebSocketConnection connection, ResponseCreateRequest wire, CancellationToken cancellationToken)
    {
        await connection.SendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var buffer = connection.SendBuffer;
            buffer.ResetWrittenCount();
            ProtocolJson.Write(buffer, wire);
            await connection.Socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            ResponsesDiagnostics.BytesSent.Add(buffer.WrittenCount, TransportTag);
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
}
