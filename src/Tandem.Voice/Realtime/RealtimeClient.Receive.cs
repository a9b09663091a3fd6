using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Voice.Realtime;

/// <summary>
/// Receiving: one loop per connection reads whole messages (a message may span several frames),
/// parses each into an event, answers the operation waiting for it, and queues it for the single
/// reader. A message that is not a valid event becomes a <see cref="RealtimeMalformedFrameEvent"/>
/// and the session goes on. When the connection ends, waiting operations fail and the reader's
/// stream ends (with the reason, unless the close was normal).
/// </summary>
public sealed partial class RealtimeClient
{
    private const int MaxQuotedFrameChars = 2048;

    private readonly List<PendingOperation> _pending = [];
    private int _reading;

    /// <summary>
    /// The server events, in order, including this client's local ones (<see cref="RealtimeLocalEvent"/>).
    /// One reader at a time. The stream ends when the session closes normally, and throws
    /// <see cref="RealtimeConnectionException"/> (or <see cref="RealtimeSessionExpiredException"/>)
    /// after the buffered events when it ended otherwise.
    /// </summary>
    public async IAsyncEnumerable<RealtimeServerEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EnterReader();
        try
        {
            var reader = _events.Reader;
            while (true)
            {
                if (!await WaitToReadAsync(reader, cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }

                while (reader.TryRead(out var evt))
                {
                    yield return evt;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>
    /// Reads events until one is a <typeparamref name="TEvent"/> matching <paramref name="predicate"/>,
    /// and returns it. It is the reader meanwhile: the events before it are passed over (not
    /// available to <see cref="ReadEventsAsync"/> later). An <c>error</c> event on the way throws
    /// <see cref="RealtimeException"/>, unless <typeparamref name="TEvent"/> is <see cref="RealtimeErrorEvent"/>.
    /// </summary>
    public async Task<TEvent> WaitForAsync<TEvent>(Func<TEvent, bool>? predicate = null, CancellationToken cancellationToken = default)
        where TEvent : RealtimeServerEvent
    {
        EnterReader();
        try
        {
            var reader = _events.Reader;
            while (await WaitToReadAsync(reader, cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var evt))
                {
                    if (evt is TEvent match && (predicate is null || predicate(match)))
                    {
                        return match;
                    }

                    if (evt is RealtimeErrorEvent error)
                    {
                        throw RealtimeException.FromError(error, _options.ApiKey);
                    }
                }
            }

            throw new RealtimeConnectionException($"The Realtime session ended before a {typeof(TEvent).Name} arrived: {_closeReason ?? "the connection closed"}.");
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    private void EnterReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _state) is StateNew or StateConnecting)
        {
            throw new InvalidOperationException("The RealtimeClient is not connected: call ConnectAsync before reading events.");
        }

        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            throw new InvalidOperationException("The events of a RealtimeClient have one reader at a time: ReadEventsAsync or WaitForAsync is already reading them.");
        }
    }

    private static async ValueTask<bool> WaitToReadAsync(ChannelReader<RealtimeServerEvent> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }

    private void Register(PendingOperation pending)
    {
        lock (_pending)
        {
            _pending.Add(pending);
        }
    }

    private void Unregister(PendingOperation pending)
    {
        lock (_pending)
        {
            _pending.Remove(pending);
        }
    }

    private void FailPending(Exception error)
    {
        PendingOperation[] all;
        lock (_pending)
        {
            all = [.. _pending];
            _pending.Clear();
        }

        foreach (var pending in all)
        {
            pending.Completion.TrySetException(error);
        }
    }

    /// <summary>
    /// Hands <paramref name="evt"/> to the operation it answers. Returns false for an <c>error</c>
    /// that failed a waiting operation (the operation reports it, the reader does not see it twice).
    /// </summary>
    private bool Observe(RealtimeServerEvent evt)
    {
        switch (evt)
        {
            case RealtimeSessionCreatedEvent { Session: { } created }:
                Volatile.Write(ref _session, created);
                break;
            case RealtimeSessionUpdatedEvent { Session: { } updated }:
                Volatile.Write(ref _session, updated);
                break;
        }

        PendingOperation? answered = null;
        lock (_pending)
        {
            if (evt is RealtimeErrorEvent { Error.EventId: { } failedId })
            {
                var index = _pending.FindIndex(p => p.EventId == failedId);
                if (index >= 0)
                {
                    answered = _pending[index];
                    _pending.RemoveAt(index);
                }
            }
            else
            {
                var index = _pending.FindIndex(p => p.IsAnswer(evt));
                if (index >= 0)
                {
                    answered = _pending[index];
                    _pending.RemoveAt(index);
                }
            }
        }

        if (answered is null)
        {
            if (evt is RealtimeErrorEvent unmatched)
            {
                Log.ServerError(_logger, unmatched.Error?.Code, RealtimeRedaction.Scrub(unmatched.Error?.Message, _options.ApiKey));
            }

            return true;
        }

        if (evt is RealtimeErrorEvent error)
        {
            answered.Completion.TrySetException(RealtimeException.FromError(error, _options.ApiKey));
            return false;
        }

        answered.Completion.TrySetResult(evt);
        return true;
    }

    private async Task ReceiveLoopAsync(ClientWebSocket socket)
    {
        var token = _lifetime.Token;
        var limit = _options.MaxIncomingMessageBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(64 * 1024, limit + 1));
        var count = 0; // bytes of the current message in the buffer
        long total = 0; // bytes of the current message received
        var oversized = false; // over the limit: the rest is received and dropped, its start kept for the report
        Exception? failure = null;
        WebSocketCloseStatus? closeStatus = null;
        try
        {
            while (true)
            {
                if (!oversized && count == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, count).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var kept = Math.Min(count, MaxQuotedFrameChars);
                var target = oversized ? buffer.AsMemory(kept) : buffer.AsMemory(count);
                var result = await socket.ReceiveAsync(target, token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    closeStatus = socket.CloseStatus;
                    _closeReason ??= $"the server closed the connection ({(int?)socket.CloseStatus} {socket.CloseStatusDescription})".Replace(" )", ")", StringComparison.Ordinal);
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await AnswerCloseAsync(socket).ConfigureAwait(false);
                    }

                    break;
                }

                total += result.Count;
                if (oversized)
                {
                    count = kept;
                }
                else
                {
                    count += result.Count;
                    if (count > limit)
                    {
                        oversized = true;
                        count = Math.Min(count, MaxQuotedFrameChars);
                    }
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                var evt = result.MessageType == WebSocketMessageType.Binary
                    ? Malformed($"a binary message of {total} bytes (Realtime events are JSON text messages)", default, total)
                    : oversized
                        ? Malformed($"a message of {total} bytes, over MaxIncomingMessageBytes ({limit}); it was skipped", buffer.AsSpan(0, count), total)
                        : Parse(buffer.AsSpan(0, count));
                count = 0;
                total = 0;
                oversized = false;
                if (Observe(evt))
                {
                    await _events.Writer.WriteAsync(evt, token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            _closeReason ??= "the client closed the session";
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or ChannelClosedException)
        {
            failure = ex;
            _closeReason ??= $"the connection failed: {RealtimeRedaction.Scrub(ex.Message, _options.ApiKey)}";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Volatile.Write(ref _state, StateClosed);
            StopSessionClock();
            Log.ConnectionEnded(_logger, _closeReason ?? "closed");
            Exception? end = _expired;
            if (end is null && (failure is not null || (closeStatus is { } status && status != WebSocketCloseStatus.NormalClosure)))
            {
                end = new RealtimeConnectionException($"The Realtime session ended: {_closeReason}.", failure, closeStatus: closeStatus);
            }

            FailPending(end ?? new RealtimeConnectionException($"The Realtime session ended before the answer arrived: {_closeReason ?? "the connection closed"}.", closeStatus: closeStatus));
            _events.Writer.TryComplete(end);
        }
    }

    private static async Task AnswerCloseAsync(ClientWebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The server has gone already.
        }
    }

    private RealtimeServerEvent Parse(ReadOnlySpan<byte> message)
    {
        try
        {
            return RealtimeJson.ParseServerEvent(message);
        }
        catch (JsonException ex)
        {
            return Malformed(ex.Message, message[..Math.Min(message.Length, MaxQuotedFrameChars)], message.Length);
        }
    }

    private RealtimeMalformedFrameEvent Malformed(string problem, ReadOnlySpan<byte> start, long length)
    {
        var message = $"The server sent a message that is not a valid Realtime event: {problem}";
        Log.MalformedFrame(_logger, RealtimeRedaction.Scrub(problem, _options.ApiKey)!);
        return new RealtimeMalformedFrameEvent
        {
            Message = RealtimeRedaction.Scrub(message, _options.ApiKey)!,
            Frame = start.IsEmpty ? null : RealtimeRedaction.Scrub(Encoding.UTF8.GetString(start), _options.ApiKey),
            ByteCount = length,
        };
    }
}
