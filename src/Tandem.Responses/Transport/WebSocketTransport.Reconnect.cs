using System.Net.Sockets;
using System.Net.WebSockets;
using Tandem.Responses.Auth;
using Tandem.Responses.Diagnostics;

namespace Tandem.Responses.Transport;

/// <summary>
/// Connecting: lazily before a turn; proactive rotation once a connection reaches
/// <see cref="ResponsesClientOptions.RotateConnectionAfter"/> (only between turns, never under a
/// running response); reconnects after a loss with capped exponential backoff and jitter (from the
/// first attempt when the server closed with 1012 or 1013); 426 means "use HTTP".
/// </summary>
internal sealed partial class WebSocketTransport
{
    private const string BetaHeader = "responses_websockets=2026-02-06";
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private WebSocketConnection? _connection;
    private long _generations;

    /// <summary>
    /// The live connection's generation; when none is live, or the live one is due for rotation, the
    /// number the next connection will get — so a chain can tell before sending that the cache is gone.
    /// </summary>
    public long ConnectionGeneration =>
        _connection is { Closed: false } c && !DueForRotation(c) ? c.Generation : Interlocked.Read(ref _generations) + 1;

    public int Reconnects { get; private set; }

    public int Rotations { get; private set; }

    private bool DueForRotation(WebSocketConnection connection) =>
        _time.GetUtcNow() - connection.OpenedAt >= _options.RotateConnectionAfter;

    private async ValueTask<WebSocketConnection> EnsureConnectedAsync(ApiKeyLease key, CancellationToken cancellationToken)
    {
        var current = _connection;
        if (current is { Closed: false } && !DueForRotation(current) && current.KeyId == key.KeyId)
        {
            return current;
        }

        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _connection;
            var lost = false;
            if (current is { Closed: false })
            {
                // The pool's current key differs when the connection's key was retired or failed
                // over: the socket is authenticated as the old key, so requests must not go on it.
                var keyChanged = current.KeyId != key.KeyId;
                if ((!DueForRotation(current) && !keyChanged) || current.ActiveCount > 0)
                {
                    return current; // rotate later, between turns
                }

                if (keyChanged)
                {
                    await CloseGracefullyAsync(current, $"its key {current.KeyId} is no longer the pool's current key ({key.KeyId})").ConfigureAwait(false);
                }
                else
                {
                    Log.Rotating(_logger, current.Generation, (_time.GetUtcNow() - current.OpenedAt).TotalMinutes);
                    await CloseGracefullyAsync(current, "rotation before the server's connection age limit").ConfigureAwait(false);
                    Rotations++;
                    ResponsesDiagnostics.Rotations.Add(1);
                }
            }
            else if (current is not null)
            {
                lost = true;
            }

            // After 1012 (service restart) or 1013 (try again later) the server asked for a pause.
            var attempt = current?.CloseStatus is (WebSocketCloseStatus)1012 or (WebSocketCloseStatus)1013 ? 1 : 0;
            for (var tries = 0; ; tries++, attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    var fresh = await ConnectOnceAsync(key, cancellationToken).ConfigureAwait(false);
                    _connection = fresh;
                    if (lost)
                    {
                        Reconnects++;
                        ResponsesDiagnostics.Reconnects.Add(1);
                        Log.Reconnected(_logger, fresh.Generation, tries + 1);
                    }

                    return fresh;
                }
                catch (WebSocketHandshakeException ex) when (ex.Status == 426)
                {
                    throw new WebSocketModeUnavailableException("The server answered the WebSocket upgrade with 426: it does not offer WebSocket mode.");
                }
                catch (WebSocketHandshakeException ex) when (ex.Status is >= 400 and < 500 and not (408 or 409 or 429))
                {
                    // 401, 403, 404…: no point retrying here; the client decides (key failover).
                    throw ResponsesException.From(ex.Status, null, ex.Headers, $"The WebSocket upgrade was refused with HTTP {ex.Status}.");
                }
                catch (WebSocketHandshakeException ex) when (tries < _options.MaxReconnectAttempts)
                {
                    if (ResponsesException.ParseRetryAfter(ex.Headers) is { } wait && wait <= _options.MaxRetryAfter && wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    }

                    Log.ConnectFailed(_logger, tries + 1, ex.Message);
                }
                catch (WebSocketHandshakeException ex)
                {
                    throw ex.Status > 0
                        ? ResponsesException.From(ex.Status, null, ex.Headers, $"The WebSocket upgrade failed with HTTP {ex.Status} after {tries + 1} attempts.")
                        : new ResponsesConnectionException($"Could not open a WebSocket to {_options.WebSocketUri.GetLeftPart(UriPartial.Authority)} after {tries + 1} attempts: {Causes(ex.InnerException)}", ex);
                }
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private static Dictionary<string, string> ResponseHeaders(ClientWebSocket socket)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in socket.HttpResponseHeaders ?? new Dictionary<string, IEnumerable<string>>())
        {
            headers[name] = string.Join(",", values);
        }

        return headers;
    }

    /// <summary>
    /// The messages of <paramref name="error"/> and its causes, outermost first: the handshake's own
    /// ("Unable to connect to the remote server") says little; the cause under it names the problem
    /// (refused, timed out, a certificate the client does not trust…).
    /// </summary>
    private static string Causes(Exception? error)
    {
        var messages = new List<string>();
        for (var e = error; e is not null && messages.Count < 5; e = e.InnerException)
        {
            if (!messages.Contains(e.Message))
            {
                messages.Add(e.Message);
            }
        }

        return string.Join(" <- ", messages);
    }

    /// <summary>min(base · 2^(n−1), max), scaled by a random factor in [0.5, 1] so clients do not reconnect in step.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16));
        var capped = Math.Min(exponential, _options.ReconnectMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    private async Task<WebSocketConnection> ConnectOnceAsync(ApiKeyLease key, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        var o = socket.Options;
        o.CollectHttpResponseDetails = true;
        o.KeepAliveInterval = _options.KeepAliveInterval;
        o.KeepAliveTimeout = _options.KeepAliveTimeout;
        if (_options.UsesAzureKeyHeader)
        {
            o.SetRequestHeader("api-key", key.Value);
        }
        else
        {
            o.SetRequestHeader("Authorization", "Bearer " + key.Value);
        }

        o.SetRequestHeader("OpenAI-Beta", BetaHeader);
        foreach (var (name, value) in _options.DefaultHeaders)
        {
            o.SetRequestHeader(name, value);
        }

        // Without an invoker of the caller's, the handshake runs on a handler of this connection's
        // own, whose TCP stream lets the receive thread wait in the kernel (ConnectionThreadStream).
        ConnectionThreadStream? stream = null;
        var invoker = _options.WebSocketInvoker;
        var ownInvoker = invoker is null ? new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseCookies = false,
            SslOptions = { RemoteCertificateValidationCallback = _options.ServerCertificateValidation },
            PooledConnectionLifetime = TimeSpan.Zero, // a refused upgrade's connection is not kept for the next attempt
            ConnectCallback = async (context, ct) => stream = await ConnectionThreadStream.ConnectAsync(context.DnsEndPoint, "Tandem WebSocket", _spinLimit, _options.WebSocketSendBufferBytes, ct).ConfigureAwait(false),
        }) : null;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(_options.WebSocketUri, invoker ?? ownInvoker, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Read what the refusal said before the socket goes; anything else is rethrown as it is.
            var refused = ex switch
            {
                WebSocketException ws => new WebSocketHandshakeException((int)socket.HttpStatusCode, ResponseHeaders(socket), ws),
                OperationCanceledException when !cancellationToken.IsCancellationRequested =>
                    new WebSocketHandshakeException(0, new Dictionary<string, string>(), new WebSocketException($"the handshake took longer than ConnectTimeout ({_options.ConnectTimeout})")),
                _ => null,
            };
            socket.Dispose();
            ownInvoker?.Dispose();
            if (refused is null)
            {
                throw;
            }

            throw refused;
        }

        socket.HttpResponseHeaders = null; // not needed after the handshake
        var generation = Interlocked.Increment(ref _generations);
        var connection = new WebSocketConnection(socket, generation, _time.GetUtcNow(), _time.GetTimestamp()) { KeyId = key.KeyId };
        connection.Stream = stream;
        connection.Invoker = ownInvoker;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ReceiveLoop = done.Task;
        if (stream is not null)
        {
            stream.StartReceiving(() => ReceiveLoop(connection, done));
        }
        else
        {
            // A caller's invoker made the stream: the loop still gets a thread of its own.
            new Thread(static state =>
            {
                var (self, c, d) = ((WebSocketTransport, WebSocketConnection, TaskCompletionSource))state!;
                self.ReceiveLoop(c, d);
            })
            {
                IsBackground = true,
                Name = "Tandem WebSocket",
            }.UnsafeStart((this, connection, done)); // the caller's async locals stay with the caller
        }

        StartWatchdog(connection);
        Log.Connected(_logger, generation, key.KeyId);
        return connection;
    }

    private async Task CloseGracefullyAsync(WebSocketConnection connection, string reason)
    {
        connection.CloseReason = reason;
        try
        {
            if (connection.Socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await connection.SendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
                try
                {
                    await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    connection.SendLock.Release();
                }

                await connection.ReceiveLoop.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or TimeoutException)
        {
        }
        finally
        {
            await connection.Lifetime.CancelAsync().ConfigureAwait(false);
            connection.Closed = true;
            connection.Watchdog?.Dispose();
            connection.Socket.Dispose();
        }
    }
}
