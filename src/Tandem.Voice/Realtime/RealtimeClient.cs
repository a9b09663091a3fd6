using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Voice.Realtime;

/// <summary>
/// A client of the OpenAI Realtime API (GA interface) over one WebSocket: one session per client.
/// Sending is split by concern (<c>RealtimeClient.Send.cs</c>, <c>.Audio.cs</c>, <c>.Tools.cs</c>);
/// a single receive loop parses server events into a bounded buffer read by one reader
/// (<c>.Receive.cs</c>); pings and the session's duration cap live in <c>.KeepAlive.cs</c>.
/// </summary>
/// <remarks>
/// Operations with an unambiguous answer wait for it (<see cref="UpdateSessionAsync"/> for
/// <c>session.updated</c>, <see cref="CommitAudioAsync"/>, <see cref="CreateResponseAsync"/>…) and fail
/// with <see cref="RealtimeException"/> when the server answers their event with an <c>error</c>;
/// other errors are read as <see cref="RealtimeErrorEvent"/>. Answers are also delivered to the reader.
/// Keep a reader running (<see cref="ReadEventsAsync"/>): when the buffer is full, receiving waits,
/// and so do operations awaiting an answer. A lost connection is not re-established: the
/// conversation lives on the server and is gone with the session.
/// </remarks>
public sealed partial class RealtimeClient : IAsyncDisposable
{
    private const int StateNew = 0;
    private const int StateConnecting = 1;
    private const int StateOpen = 2;
    private const int StateClosed = 3;

    private readonly RealtimeClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<RealtimeServerEvent> _events;
    private readonly CancellationTokenSource _lifetime = new();
    private ClientWebSocket? _socket;
    private Task _receiveLoop = Task.CompletedTask;
    private int _state;
    private RealtimeSessionConfig? _session;
    private volatile string? _closeReason;
    private bool _disposed;

    public RealtimeClient(RealtimeClientOptions options, ILogger<RealtimeClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = options.TimeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _events = Channel.CreateBounded<RealtimeServerEvent>(new BoundedChannelOptions(options.ReceiveCapacity)
        {
            SingleReader = true,
            SingleWriter = false, // the receive loop, and the session clock's notices
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The session's effective configuration, as the server last stated it (<c>session.created</c> / <c>session.updated</c>).</summary>
    public RealtimeSessionConfig? Session => Volatile.Read(ref _session);

    /// <summary>True from a successful <see cref="ConnectAsync"/> until the connection ends.</summary>
    public bool IsConnected => Volatile.Read(ref _state) == StateOpen;

    /// <summary>
    /// Opens the WebSocket (<c>Authorization: Bearer</c>, <c>?model=</c>) and starts receiving. Once
    /// per client: a Realtime session cannot be resumed.
    /// </summary>
    /// <exception cref="RealtimeConnectionException">The handshake failed (e.g. HTTP 401) or timed out.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.CompareExchange(ref _state, StateConnecting, StateNew) != StateNew)
        {
            throw new InvalidOperationException("ConnectAsync runs once per RealtimeClient: a Realtime session cannot be resumed, so use a new client for a new session.");
        }

        var uri = _options.ConnectUri();
        var socket = new ClientWebSocket();
        ConfigureSocket(socket.Options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.ConnectTimeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(_options.ConnectTimeout);
        }

        try
        {
            await socket.ConnectAsync(uri, _options.HttpMessageInvoker, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var status = (int)socket.HttpStatusCode;
            socket.Dispose();
            Volatile.Write(ref _state, StateClosed);
            var why = ex is OperationCanceledException
                ? $"the handshake took longer than ConnectTimeout ({_options.ConnectTimeout})"
                : RealtimeRedaction.Scrub(ex.Message, _options.ApiKey);
            throw new RealtimeConnectionException(
                $"Could not open the Realtime WebSocket to {uri}{(status > 0 ? $": HTTP {status}" : string.Empty)} ({why}).",
                ex is OperationCanceledException ? null : ex,
                httpStatus: status > 0 ? status : null);
        }
        catch
        {
            socket.Dispose();
            Volatile.Write(ref _state, StateClosed);
            throw;
        }

        socket.HttpResponseHeaders = null;
        _socket = socket;
        StartSessionClock();
        Volatile.Write(ref _state, StateOpen);
        _receiveLoop = Task.Run(() => ReceiveLoopAsync(socket), CancellationToken.None);
        Log.Connected(_logger, uri.GetLeftPart(UriPartial.Path), _options.Model);
    }

    /// <summary>Closes the WebSocket normally and waits (up to <paramref name="cancellationToken"/>) for the server to acknowledge; buffered events stay readable.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (_socket is not { } socket || Volatile.Read(ref _state) != StateOpen)
        {
            return;
        }

        _closeReason ??= "the client closed the session";
        try
        {
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "client closed", _lifetime.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _sendLock.Release();
            }

            await _receiveLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            // Already gone: nothing left to close.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            // Wall-clock grace for the close handshake: a test's frozen TimeProvider must not hang disposal.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await CloseAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The server did not acknowledge in time: the socket is aborted below.
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        try
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        StopSessionClock();
        _socket?.Dispose();
        _events.Writer.TryComplete();
        FailPending(new ObjectDisposedException(nameof(RealtimeClient)));
        _lifetime.Dispose();
        _sendLock.Dispose();
    }

    public override string ToString() => $"RealtimeClient({_options})";

    private void ThrowIfNotOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_expired is { } expired)
        {
            throw new RealtimeSessionExpiredException(expired.Cap, expired.ExpiredAt); // a fresh instance per throw
        }

        switch (Volatile.Read(ref _state))
        {
            case StateNew or StateConnecting:
                throw new InvalidOperationException("The RealtimeClient is not connected: call ConnectAsync first.");
            case StateClosed:
                throw new RealtimeConnectionException($"The Realtime session has ended: {_closeReason ?? "the connection closed"}.");
        }
    }
}
