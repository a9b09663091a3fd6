using System.Diagnostics;
using System.Net.WebSockets;
using Tandem.Responses.Protocol;
using Tandem.Server.Endpoints;
using Tandem.Server.Operations;

namespace Tandem.Server.Sessions;

/// <summary>
/// One WebSocket-mode connection: a single receive loop (WebSocketSession.Receive.cs) that routes
/// <c>response.create</c> events to lanes (WebSocketSession.Lanes.cs); lane workers stream their
/// responses through one serialised sender (WebSocketSession.Send.cs). The connection's cache lives
/// and dies with it.
/// </summary>
internal sealed partial class WebSocketSession
{
    private readonly WebSocket _socket;
    private readonly ServerState _state;
    private readonly TandemServerOptions _options;
    private readonly string _owner;
    private readonly string _connectionId = IdGenerator.New("ws");
    private static readonly TimeSpan MaxTimerDuration = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
    private readonly LaneCache _cache = new();
    private readonly long _openedAt = Stopwatch.GetTimestamp();
    private readonly CancellationTokenSource _lifetime = new();
    private int _responses;
    private volatile bool _expired;
    private string _closeReason = "client";

    public WebSocketSession(WebSocket socket, ServerState state, string owner)
    {
        _socket = socket;
        _state = state;
        _options = state.Options;
        _owner = owner;
        _inFlight = new SemaphoreSlim(_options.MaxInFlightPerConnection, _options.MaxInFlightPerConnection);
    }

    public async Task RunAsync(CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _lifetime.Token);
        var token = linked.Token;
        if (_options.RequestLogging)
        {
            ServerLog.WebSocketOpened(_state.Logger, _connectionId);
        }

        var capTask = EnforceConnectionCapAsync(token);
        try
        {
            await ReceiveLoopAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (WebSocketException ex)
        {
            // The socket failed (e.g. invalid UTF-8 closes it with 1007 inside the WebSocket layer).
            _closeReason = ex.WebSocketErrorCode.ToString();
            if (_options.RequestLogging)
            {
                ServerLog.WebSocketFailed(_state.Logger, _connectionId, ex.Message);
            }
        }
        finally
        {
            await ShutdownLanesAsync().ConfigureAwait(false);
            await _lifetime.CancelAsync().ConfigureAwait(false);
            try
            {
                await capTask.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            if (_options.RequestLogging)
            {
                ServerLog.WebSocketClosed(_state.Logger, _connectionId, _socket.CloseStatus?.ToString() ?? _socket.State.ToString(), _closeReason,
                    _responses, LaneCount, Stopwatch.GetElapsedTime(_openedAt).TotalSeconds);
            }

            _lifetime.Dispose();
        }
    }

    /// <summary>
    /// After the configured lifetime, stops taking new responses, lets running ones finish, sends
    /// <c>websocket_connection_limit_reached</c> and closes.
    /// </summary>
    private async Task EnforceConnectionCapAsync(CancellationToken cancellationToken)
    {
        // Task.Delay takes at most ~49.7 days; a longer cap is no cap at all in practice.
        var cap = _options.MaxConnectionDuration;
        await Task.Delay(cap < MaxTimerDuration ? cap : Timeout.InfiniteTimeSpan, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        _expired = true;
        _closeReason = ErrorCodes.WebSocketConnectionLimitReached;
        await DrainLanesAsync(cancellationToken).ConfigureAwait(false);
        await SendErrorAsync(400, ConnectionLimitError(), null, cancellationToken).ConfigureAwait(false);
        await CloseAsync(WebSocketCloseStatus.NormalClosure, ErrorCodes.WebSocketConnectionLimitReached).ConfigureAwait(false);
    }

    private ApiError ConnectionLimitError() => new()
    {
        Type = ErrorCodes.InvalidRequestError,
        Code = ErrorCodes.WebSocketConnectionLimitReached,
        Message = $"Responses websocket connection limit reached ({_options.MaxConnectionDuration.TotalMinutes:0.##} minutes). Create a new websocket connection to continue.",
    };

    private async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _sendLock.WaitAsync().ConfigureAwait(false);
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await _socket.CloseOutputAsync(status, description, timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone; nothing left to tell it.
        }
    }

    /// <summary>Drops the connection without a close handshake, as a network failure would (a test hook).</summary>
    public void Abort()
    {
        _closeReason = "aborted by the server";
        _socket.Abort();
    }
}
