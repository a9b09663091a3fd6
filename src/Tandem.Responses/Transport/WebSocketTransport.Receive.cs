using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tandem.Responses.Diagnostics;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Transport;

/// <summary>
/// The single receive loop of a connection: frames to events, events to the lane named by their
/// <c>stream_id</c> (the default lane when absent). When the socket ends, every unfinished response
/// fails with the reason.
/// </summary>
internal sealed partial class WebSocketTransport
{
    /// <summary>
    /// Frames read while more were ready at once before the lanes are woken anyway: it bounds how
    /// long a long burst holds back its first event (parsing an event takes ~1 µs).
    /// </summary>
    private const int MaxBurst = 32;

    /// <summary>
    /// The connection's receive thread. With the transport's own TCP stream its reads complete
    /// synchronously, waiting in the kernel (ConnectionThreadStream), and the lanes are woken just before
    /// each wait; otherwise a read that does not complete at once wakes them, then blocks this thread
    /// (its own) until the read ends.
    /// </summary>
    private void ReceiveLoop(WebSocketConnection connection, TaskCompletionSource done)
    {
        var socket = connection.Socket;
        var token = connection.Lifetime.Token;
        if (connection.Stream is { } stream)
        {
            stream.BeforeWait = connection.FlushAll;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var count = 0;
        var burst = 0;
        Exception? failure = null;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (buffer.Length >= _options.MaxIncomingMessageBytes)
                    {
                        throw new ResponsesConnectionException($"A server message exceeded MaxIncomingMessageBytes ({_options.MaxIncomingMessageBytes}).");
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _options.MaxIncomingMessageBytes));
                    buffer.AsSpan(0, count).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                if (connection.Unflushed.Count > 0 && ++burst >= MaxBurst)
                {
                    connection.FlushAll(); // a long burst has run: let the lanes read
                    burst = 0;
                }

                var receive = socket.ReceiveAsync(buffer.AsMemory(count), token);
                if (!receive.IsCompleted)
                {
                    // The socket has nothing more ready: let the lanes read, then wait here.
                    connection.FlushAll();
                    burst = 0;
                }

                var result = receive.IsCompleted ? receive.Result : receive.AsTask().GetAwaiter().GetResult();
                Volatile.Write(ref connection.LastActivity, _time.GetTimestamp());
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    connection.FlushAll(); // what came before the close is read while it is answered
                    connection.CloseStatus = socket.CloseStatus;
                    connection.CloseReason = $"the server closed the WebSocket ({(int?)socket.CloseStatus} {socket.CloseStatusDescription})";
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                        socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, timeout.Token).GetAwaiter().GetResult();
                    }

                    break;
                }

                count += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }

                ResponsesDiagnostics.BytesReceived.Add(count, TransportTag);
                if (result.MessageType == WebSocketMessageType.Text)
                {
                    var evt = Parse(buffer.AsSpan(0, count));
                    Dispatch(connection, evt, token);
                    if (evt.IsTerminal)
                    {
                        // Nothing of that response follows: its reader gets it now, not after the
                        // next read has found the socket empty (a system call later).
                        connection.FlushAll();
                        burst = 0;
                    }
                }

                count = 0;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            connection.CloseReason ??= "the client closed the WebSocket";
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or ResponsesException or OperationCanceledException)
        {
            failure = ex;
            connection.CloseReason ??= $"the WebSocket failed: {ex.Message}";
            socket.Abort(); // releases the socket now, not when the next connection replaces this one
        }
        catch (Exception ex)
        {
            // Nothing else is expected here; a thread of its own has no caller to throw to, so the
            // responses waiting on this connection get it instead of the process ending.
            failure = ex;
            connection.CloseReason ??= $"the receive thread failed: {ex.Message}";
            socket.Abort();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            connection.Closed = true;
            connection.Watchdog?.Dispose();
            connection.Invoker?.Dispose();
            Log.ConnectionEnded(_logger, connection.Generation, connection.CloseReason ?? "closed");
            connection.FailAll(new ResponsesConnectionException(
                $"The response did not finish: {connection.CloseReason ?? "the WebSocket closed"}.", failure));
            done.TrySetResult();
        }
    }

    private static ResponseStreamEvent Parse(ReadOnlySpan<byte> message)
    {
        try
        {
            return ProtocolJson.ParseEvent(message);
        }
        catch (JsonException ex)
        {
            // The server broke the protocol: nothing on this connection can be trusted any more.
            throw new ResponsesConnectionException($"The server sent a frame that is not a JSON event: {ex.Message}", ex);
        }
    }

    private void Dispatch(WebSocketConnection connection, ResponseStreamEvent evt, CancellationToken cancellationToken)
    {
        var lane = evt.StreamId ?? string.Empty;
        if (connection.TryGet(lane, out var active))
        {
            Deliver(connection, active, evt, cancellationToken);
            return;
        }

        if (evt is ErrorEvent && evt.StreamId is null)
        {
            // A connection-level error (e.g. the connection's age limit): every waiting lane gets it.
            foreach (var waiting in connection.Active)
            {
                Deliver(connection, waiting, evt, cancellationToken);
            }

            return;
        }

        Log.EventWithoutLane(_logger, evt.Type, lane);
    }

    private static void Deliver(WebSocketConnection connection, ActiveResponse active, ResponseStreamEvent evt, CancellationToken cancellationToken)
    {
        if (active.TerminalSeen)
        {
            return;
        }

        if (evt.IsTerminal)
        {
            active.TerminalSeen = true;
        }

        // The buffer is not completed after the terminal event: its reader stops there, and an open
        // buffer can serve the lane's next response (ActiveResponse). The reader is woken by the
        // next flush (ReceiveLoop), or now when the buffer is full and this must wait for room: the
        // receive thread waits (it is this connection's own), and so does the socket, which is the
        // back-pressure a slow consumer puts on the server.
        var events = active.Events;
        while (!events.TryWrite(evt))
        {
            connection.FlushAll();
            var room = events.WaitToWriteAsync(cancellationToken);
            if (!(room.IsCompleted ? room.Result : room.AsTask().GetAwaiter().GetResult()))
            {
                return; // completed: nothing reads it
            }
        }

        if (!active.Unflushed)
        {
            active.Unflushed = true;
            connection.Unflushed.Add(active);
        }
    }
}
