using System.Diagnostics;
using System.Net.WebSockets;
using System.Threading.Channels;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Server.Realtime;

/// <summary>
/// One Realtime connection. A single receive loop (RealtimeSession.Receive.cs) handles client
/// events in order; responses (RealtimeSession.Responses.cs) and input transcriptions
/// (RealtimeSession.Transcription.cs) run beside it. One gate serialises everything that touches
/// the session's state or the socket, and each step sends its events while holding it, so the
/// order of events on the wire is the order the state changed in — a response can be cancelled
/// between two deltas, and a transcript can land between two response events, as on OpenAI.
/// </summary>
internal sealed partial class RealtimeSession
{
    private static readonly TimeSpan MaxTimerDuration = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
    private static readonly TimeSpan CloseGracePeriod = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly RealtimeHub _hub;
    private readonly RealtimeServerOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly RealtimeConversation _conversation = new();
    private readonly Channel<TranscriptionJob> _transcriptions;
    private readonly long _openedAt = Stopwatch.GetTimestamp();
    private RealtimeSessionConfig _config;
    private string _closeReason = "client";
    private Task? _shutdown;
    private int _responseCount;

    public RealtimeSession(WebSocket socket, RealtimeHub hub, string model)
    {
        _socket = socket;
        _hub = hub;
        _options = hub.Options;
        var expiresAt = hub.TimeProvider.GetUtcNow() + _options.MaxSessionDuration;
        _config = RealtimeSessionSettings.Initial(RealtimeIds.NewSessionId(), model, expiresAt.ToUnixTimeSeconds(), _options);

        // Transcriptions wait here in commit order; a client committing faster than the recogniser
        // keeps up gets a failed transcription rather than an ever-growing queue.
        _transcriptions = Channel.CreateBounded<TranscriptionJob>(new BoundedChannelOptions(TranscriptionQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        ApplyTurnDetection();
    }

    public string Id => _config.Id!;

    public async Task RunAsync(CancellationToken requestAborted)
    {
        // Not linked to the host's stopping token: cancelling a pending receive aborts the socket,
        // and a stopping host should close it properly (ShutdownAsync) instead.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _lifetime.Token);
        var token = linked.Token;
        var stopping = _hub.Stopping.Register(() => _shutdown = ShutdownAsync());
        if (_hub.Logging)
        {
            RealtimeLog.SessionOpened(_hub.Logger, Id, _config.Model!);
        }

        var transcriber = RunTranscriptionsAsync(token);
        var cap = EnforceSessionCapAsync(token);
        try
        {
            await _gate.WaitAsync(token).ConfigureAwait(false);
            try
            {
                await SendAsync(RealtimeServerEvents.SessionCreated(_config), token).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }

            await ReceiveLoopAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Ended by the session (its cap) or by the client going away.
        }
        catch (WebSocketException ex)
        {
            _closeReason = ex.WebSocketErrorCode.ToString();
            if (_hub.Logging)
            {
                RealtimeLog.SessionFailed(_hub.Logger, Id, ex.Message);
            }
        }
        finally
        {
            await stopping.DisposeAsync().ConfigureAwait(false);
            await _lifetime.CancelAsync().ConfigureAwait(false);
            await QuietlyAsync(_shutdown).ConfigureAwait(false);
            _transcriptions.Writer.TryComplete();
            await QuietlyAsync(transcriber).ConfigureAwait(false);
            await QuietlyAsync(cap).ConfigureAwait(false);
            foreach (var run in RunningResponses())
            {
                await QuietlyAsync(run.Task).ConfigureAwait(false);
            }

            if (_hub.Logging)
            {
                RealtimeLog.SessionClosed(_hub.Logger, Id, _closeReason, _responseCount, _conversation.Count,
                    _audioSamplesTotal / (double)RealtimeSessionSettings.PcmRate, Stopwatch.GetElapsedTime(_openedAt).TotalSeconds);
            }

            _lifetime.Dispose();
        }
    }

    /// <summary>At the session's maximum duration: an error event (OpenAI's <c>session_expired</c>), then a normal close.</summary>
    private async Task EnforceSessionCapAsync(CancellationToken cancellationToken)
    {
        // Task.Delay takes at most ~49.7 days; a longer cap is no cap at all in practice.
        var cap = _options.MaxSessionDuration;
        await Task.Delay(cap < MaxTimerDuration ? cap : Timeout.InfiniteTimeSpan, _hub.TimeProvider, cancellationToken).ConfigureAwait(false);
        _closeReason = RealtimeErrors.SessionExpired;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var minutes = cap.TotalMinutes >= 1 ? $"{cap.TotalMinutes:0.##} minutes" : $"{cap.TotalSeconds:0.##} seconds";
            await SendAsync(RealtimeServerEvents.Error(RealtimeErrors.InvalidRequestError, RealtimeErrors.SessionExpired,
                $"Your session hit the maximum duration of {minutes}."), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        await CloseAsync(WebSocketCloseStatus.NormalClosure, RealtimeErrors.SessionExpired).ConfigureAwait(false);

        // The receive loop ends when the client answers the close; ending the session before that
        // would reset the connection and could destroy the error event unread. A client that never
        // answers is dropped after a grace period.
        await Task.Delay(CloseGracePeriod, _hub.TimeProvider, cancellationToken).ConfigureAwait(false);
        await _lifetime.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>The host is stopping: close with 1001 (going away), then end the session when the client has answered (or after the grace period).</summary>
    private async Task ShutdownAsync()
    {
        _closeReason = "server stopping";
        await CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "The server is shutting down.").ConfigureAwait(false);
        try
        {
            await Task.Delay(CloseGracePeriod, _hub.TimeProvider, _lifetime.Token).ConfigureAwait(false);
            await _lifetime.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The session ended first.
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                // Under the gate: a close frame must not interleave with an event being sent. A sender
                // stuck for longer than the close timeout means the peer is gone anyway.
                if (!await _gate.WaitAsync(CloseGracePeriod).ConfigureAwait(false))
                {
                    return;
                }

                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await _socket.CloseOutputAsync(status, description, timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone; nothing left to tell it.
        }
    }

    private static async Task QuietlyAsync(Task? task)
    {
        if (task is null)
        {
            return;
        }

        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or ChannelClosedException)
        {
            // Ending with the session is the expected way out.
        }
    }
}
