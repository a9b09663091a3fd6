using Microsoft.Extensions.Logging;

namespace Tandem.Responses.Transport;

/// <summary>
/// Liveness. Pings are the WebSocket layer's (<see cref="ResponsesClientOptions.KeepAliveInterval"/>,
/// an unanswered one aborts the socket after <see cref="ResponsesClientOptions.KeepAliveTimeout"/>);
/// on top, while a response is in flight, a watchdog aborts a connection that has been silent for
/// longer than <see cref="ResponsesClientOptions.ReceiveIdleTimeout"/> (a server that answers pings
/// but stopped streaming).
/// </summary>
internal sealed partial class WebSocketTransport
{
    private void StartWatchdog(WebSocketConnection connection)
    {
        var idle = _options.ReceiveIdleTimeout;
        if (idle <= TimeSpan.Zero || idle == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, Math.Min(idle.Ticks / 4, TimeSpan.FromSeconds(5).Ticks)));
        connection.Watchdog = _time.CreateTimer(static state =>
        {
            var (self, c) = ((WebSocketTransport, WebSocketConnection))state!;
            self.CheckIdle(c);
        }, (this, connection), period, period);
    }

    private void CheckIdle(WebSocketConnection connection)
    {
        if (connection.Closed || connection.ActiveCount == 0)
        {
            return;
        }

        var silent = _time.GetElapsedTime(Volatile.Read(ref connection.LastActivity));
        if (silent > _options.ReceiveIdleTimeout)
        {
            connection.CloseReason = $"no frame for {silent.TotalSeconds:0.#} s while a response was in flight (ReceiveIdleTimeout)";
            Log.IdleTimeout(_logger, connection.Generation, silent.TotalSeconds);
            connection.Socket.Abort();
        }
    }
}
