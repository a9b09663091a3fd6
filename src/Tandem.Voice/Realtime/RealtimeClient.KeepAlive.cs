using System.Net.WebSockets;
using System.Threading.Channels;

namespace Tandem.Voice.Realtime;

/// <summary>
/// Liveness and the session's lifetime. The Realtime protocol has no ping event: WebSocket pings
/// keep the connection alive (<see cref="RealtimeClientOptions.KeepAliveInterval"/>; one unanswered
/// for <see cref="RealtimeClientOptions.KeepAliveTimeout"/> drops it). A session lasts at most
/// <see cref="RealtimeClientOptions.MaxSessionDuration"/> (60 minutes on OpenAI), counted on the
/// <see cref="TimeProvider"/> from the connection: a <see cref="RealtimeSessionExpiringEvent"/> comes
/// <see cref="RealtimeClientOptions.SessionExpiryWarning"/> before, a <see cref="RealtimeSessionExpiredEvent"/>
/// at the cap, after which sends fail with <see cref="RealtimeSessionExpiredException"/> and the client
/// closes the connection. It never reconnects by itself: the conversation state is the server's.
/// </summary>
public sealed partial class RealtimeClient
{
    private readonly Lock _clockLock = new();
    private ITimer? _warningTimer;
    private ITimer? _expiryTimer;
    private DateTimeOffset? _deadline;
    private volatile RealtimeSessionExpiredException? _expired;

    /// <summary>When the session reaches its duration cap (null before connecting, or with no cap).</summary>
    public DateTimeOffset? SessionDeadline
    {
        get
        {
            lock (_clockLock)
            {
                return _deadline;
            }
        }
    }

    private void ConfigureSocket(ClientWebSocketOptions options)
    {
        options.CollectHttpResponseDetails = true; // the status of a refused handshake (401, 403…)
        options.KeepAliveInterval = _options.KeepAliveInterval;
        options.KeepAliveTimeout = _options.KeepAliveTimeout;
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            options.SetRequestHeader("Authorization", "Bearer " + _options.ApiKey);
        }

        _options.ConfigureWebSocket?.Invoke(options);
    }

    private void StartSessionClock()
    {
        var cap = _options.MaxSessionDuration;
        if (cap == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        lock (_clockLock)
        {
            var deadline = _time.GetUtcNow() + cap;
            _deadline = deadline;
            var warnAfter = cap - _options.SessionExpiryWarning;
            if (_options.SessionExpiryWarning > TimeSpan.Zero && _options.SessionExpiryWarning != Timeout.InfiniteTimeSpan && warnAfter > TimeSpan.Zero)
            {
                _warningTimer = _time.CreateTimer(static s => ((RealtimeClient)s!).OnExpiring(), this, warnAfter, Timeout.InfiniteTimeSpan);
            }

            _expiryTimer = _time.CreateTimer(static s => ((RealtimeClient)s!).OnExpired(), this, cap, Timeout.InfiniteTimeSpan);
        }
    }

    private void StopSessionClock()
    {
        lock (_clockLock)
        {
            _warningTimer?.Dispose();
            _expiryTimer?.Dispose();
            _warningTimer = null;
            _expiryTimer = null;
        }
    }

    private void OnExpiring()
    {
        DateTimeOffset deadline;
        lock (_clockLock)
        {
            if (_deadline is not { } d || Volatile.Read(ref _state) != StateOpen)
            {
                return;
            }

            deadline = d;
        }

        var cap = _options.MaxSessionDuration;
        var remaining = deadline - _time.GetUtcNow();
        Log.SessionExpiring(_logger, remaining.TotalSeconds, RealtimeSessionExpiredException.Describe(cap));
        Notify(new RealtimeSessionExpiringEvent
        {
            ExpiresAt = deadline,
            Remaining = remaining,
            Cap = cap,
            Message = $"The Realtime session reaches its {RealtimeSessionExpiredException.Describe(cap)} cap (MaxSessionDuration) at {deadline:u}, in {remaining.TotalSeconds:0} s; the client will not reconnect (the conversation lives on the server).",
        });
    }

    private void OnExpired()
    {
        DateTimeOffset deadline;
        lock (_clockLock)
        {
            if (_deadline is not { } d || Volatile.Read(ref _state) != StateOpen || _expired is not null)
            {
                return;
            }

            deadline = d;
            _expired = new RealtimeSessionExpiredException(_options.MaxSessionDuration, deadline);
        }

        var expired = _expired;
        Log.SessionExpired(_logger, RealtimeSessionExpiredException.Describe(expired.Cap));
        _closeReason ??= expired.Message;
        FailPending(expired);
        Notify(new RealtimeSessionExpiredEvent { ExpiredAt = deadline, Cap = expired.Cap, Message = expired.Message });
        _ = CloseAfterExpiryAsync();
    }

    private async Task CloseAfterExpiryAsync()
    {
        try
        {
            // Wall-clock grace for the close handshake (transport time, not session time).
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await CloseAsync(grace.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or WebSocketException)
        {
            // Expired anyway; the server ends the session on its side.
        }
    }

    /// <summary>Queues a local event for the reader without blocking the timer that raised it.</summary>
    private void Notify(RealtimeLocalEvent notice)
    {
        if (!_events.Writer.TryWrite(notice))
        {
            _ = WriteLaterAsync(notice);
        }

        async Task WriteLaterAsync(RealtimeLocalEvent later)
        {
            try
            {
                await _events.Writer.WriteAsync(later, _lifetime.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException or ObjectDisposedException)
            {
                // The session is over: nobody will read it.
            }
        }
    }
}
