using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Tandem.Responses.Auth;
using Tandem.Responses.Diagnostics;
using Tandem.Responses.Protocol;

namespace Tandem.Responses.Transport;

/// <summary>
/// WebSocket mode: one <see cref="System.Net.WebSockets.ClientWebSocket"/> at a time, a single
/// receive loop that routes events by <c>stream_id</c> to lanes (WebSocketTransport.Receive.cs),
/// one sender (WebSocketTransport.Send.cs), an idle watchdog (WebSocketTransport.KeepAlive.cs), and
/// connecting, rotation and reconnects (WebSocketTransport.Reconnect.cs). One response is in flight
/// per lane; further requests on a lane wait their turn (bounded).
/// </summary>
internal sealed partial class WebSocketTransport : IResponsesTransport
{
    private static readonly KeyValuePair<string, object?> TransportTag = ResponsesDiagnostics.Transport(ResponsesTransportKind.WebSocket);
    private readonly ResponsesClientOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeSpan _spinLimit; // as validated when the client was made, like the HTTP handler's
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, LaneGate> _lanes = new(StringComparer.Ordinal);
    private bool _disposed;

    public WebSocketTransport(ResponsesClientOptions options, ILogger logger)
    {
        _options = options;
        _time = options.TimeProvider;
        _spinLimit = options.ReceiveSpinLimit;
        _logger = logger;
    }

    public ResponsesTransportKind Kind => ResponsesTransportKind.WebSocket;

    /// <summary>
    /// Diagnostics (tests): events of <paramref name="lane"/>'s response waiting for a slow consumer
    /// on the live connection. Back-pressure keeps it at most <see cref="ResponsesClientOptions.LaneEventBuffer"/>.
    /// </summary>
    internal int BufferedEvents(string? lane) => _connection?.BufferedEvents(_options.MultiLane ? lane ?? string.Empty : string.Empty) ?? 0;

    /// <summary>Diagnostics (tests): the live connection's stream, when the transport made it.</summary>
    internal ConnectionThreadStream? LiveStream => _connection is { Closed: false } c ? c.Stream : null;

    public async IAsyncEnumerable<ResponseStreamEvent> StreamAsync(ResponseCreateRequest request, ApiKeyLease key, string? lane, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var laneId = _options.MultiLane ? lane ?? string.Empty : string.Empty;
        var gate = _lanes.GetOrAdd(laneId, static _ => new LaneGate());
        await gate.EnterAsync(_options.MaxQueuedPerLane, laneId, cancellationToken).ConfigureAwait(false);
        var releaseGate = true;
        try
        {
            var connection = await EnsureConnectedAsync(key, cancellationToken).ConfigureAwait(false);
            var events = gate.TakeIdleEvents() ?? new LaneBuffer(_options.LaneEventBuffer, _options.DeliverEventsInline);
            var active = new ActiveResponse(events);
            var readTerminal = false;
            if (!connection.TryRegister(laneId, active))
            {
                throw new InvalidOperationException($"Lane '{laneId}' already has a response in flight.");
            }

            Volatile.Write(ref connection.LastActivity, _time.GetTimestamp());
            try
            {
                await SendAsync(connection, request, laneId.Length > 0 ? laneId : null, cancellationToken).ConfigureAwait(false);

                while (true)
                {
                    // A burst of events is read without waiting: only an empty buffer waits for the
                    // receive loop's next flush.
                    ResponseStreamEvent evt;
                    while (!events.TryRead(out evt))
                    {
                        if (!await events.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            throw new ResponsesConnectionException("The WebSocket closed before the response ended.");
                        }
                    }

                    readTerminal = evt.IsTerminal;
                    if (evt is ErrorEvent error)
                    {
                        throw ResponsesException.FromErrorEvent(error);
                    }

                    yield return evt;
                    if (readTerminal)
                    {
                        yield break;
                    }
                }
            }
            finally
            {
                if (!active.TerminalSeen && !connection.Closed)
                {
                    // The caller stopped reading mid-response: the rest of it is still coming on this
                    // lane, so drain it before the lane takes its next request.
                    releaseGate = false;
                    _ = DrainThenReleaseAsync(connection, laneId, active, gate);
                }
                else
                {
                    connection.Unregister(laneId, active);

                    // Read to its terminal event, the buffer is empty and stays open (nothing completes
                    // it after a terminal event). Unregistered while the connection is not closing, it is
                    // out of reach of the connection's FailAll (which lists the lanes after setting Closed),
                    // and the receive loop delivers only to this response's ActiveResponse, which drops
                    // whatever follows the terminal event: the lane's next response can fill it.
                    if (readTerminal && !connection.Closed && events.Count == 0 && !events.IsCompleted)
                    {
                        gate.GiveIdleEvents(events);
                    }
                    else if (!readTerminal)
                    {
                        // Left early after the receive loop had the terminal event: the loop may be
                        // waiting for room in this buffer (full), and nothing will read it again.
                        // Completing it releases the loop; the buffer is not reused.
                        events.TryComplete();
                    }
                }
            }
        }
        finally
        {
            if (releaseGate)
            {
                gate.Exit();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_connection is { } connection)
        {
            await CloseGracefullyAsync(connection, "client disposed").ConfigureAwait(false);
        }
    }

    private async Task DrainThenReleaseAsync(WebSocketConnection connection, string laneId, ActiveResponse active, LaneGate gate)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.ReceiveIdleTimeout, _time);
            var events = active.Events;
            while (await events.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
            {
                if (events.TryRead(out var evt) && evt.IsTerminal)
                {
                    break; // the receive loop drops whatever follows it
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ResponsesException)
        {
            // The lane cannot be trusted to be in sync any more: drop the connection.
            Log.LaneDrainFailed(_logger, laneId, ex.Message);
            connection.Socket.Abort();
        }
        finally
        {
            connection.Unregister(laneId, active);
            gate.Exit();
        }
    }
}
