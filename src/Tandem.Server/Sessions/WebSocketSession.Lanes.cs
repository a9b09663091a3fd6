using System.Collections.Concurrent;
using Tandem.Responses.Protocol;
using Tandem.Server.Operations;

namespace Tandem.Server.Sessions;

/// <summary>Lanes: FIFO per <c>stream_id</c>, concurrent across lanes, bounded in flight per connection.</summary>
internal sealed partial class WebSocketSession
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _inFlight;
    private int _namedLanes;
    private int _busy;

    private int LaneCount => _lanes.Count;

    /// <summary>The lane, created on first use; <see langword="null"/> when the named-lane budget is spent.</summary>
    private Lane? GetOrCreateLane(string id)
    {
        if (_lanes.TryGetValue(id, out var lane))
        {
            return lane;
        }

        if (id.Length > 0)
        {
            if (_namedLanes >= _options.MaxLanesPerConnection)
            {
                return null;
            }

            _namedLanes++;
        }

        lane = new Lane(id, _options.LaneQueueCapacity);
        _lanes[id] = lane;
        lane.Worker = Task.Run(() => RunLaneAsync(lane, _lifetime.Token));
        return lane;
    }

    private async Task RunLaneAsync(Lane lane, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var work in lane.Queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _busy);
                try
                {
                    await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        await ProcessAsync(lane, work, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        _inFlight.Release();
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref _busy);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ProcessAsync(Lane lane, LaneWork work, CancellationToken cancellationToken)
    {
        var request = work.Request;
        var streamId = request.StreamId;
        var origin = new RequestContext { Transport = Transport.WebSocket, Owner = _owner, Cache = _cache, Lane = lane.Id };
        try
        {
            var prepared = await _state.Engine.PrepareAsync(request, origin, new DeadlineClock(work.ReceivedTimestamp), cancellationToken).ConfigureAwait(false);
            await foreach (var (evt, json) in _state.Engine.StreamAsync(prepared, cancellationToken).ConfigureAwait(false))
            {
                if (evt.Type == ResponseEventTypes.Completed && prepared.Completed is { } completed)
                {
                    // Cached before the client can see response.completed, so its next turn always hits.
                    _cache.Put(lane.Id, completed);
                }

                if (json is not null)
                {
                    await SendRawAsync(json, streamId, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    evt.StreamId = streamId;
                    await SendEventAsync(evt, cancellationToken).ConfigureAwait(false);
                }
            }

            Interlocked.Increment(ref _responses);
        }
        catch (ProtocolException ex)
        {
            Evict(lane, request);
            await RejectAsync(ex, streamId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not System.Net.WebSockets.WebSocketException)
        {
            Evict(lane, request);
            // Checklist S10: the cause goes to the log under a request id; the client gets only that id.
            var requestId = IdGenerator.Request();
            ServerLog.WebSocketFailed(_state.Logger, _connectionId, $"request_id={requestId} {ex}");
            await SendErrorAsync(500, Endpoints.ServerErrors.Generic(requestId), streamId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A failed continuation evicts the id it referenced from its lane (responses-protocol.md §2).</summary>
    private void Evict(Lane lane, ResponseCreateRequest request)
    {
        if (request.PreviousResponseId is { } previous)
        {
            _cache.Evict(lane.Id, previous);
        }
    }

    /// <summary>Waits (bounded) until no lane has queued or running work.</summary>
    private async Task DrainLanesAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + DrainGrace;
        while (DateTime.UtcNow < deadline && (Volatile.Read(ref _busy) > 0 || _lanes.Values.Any(l => l.Queue.Reader.Count > 0)))
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ShutdownLanesAsync()
    {
        foreach (var lane in _lanes.Values)
        {
            lane.Queue.Writer.TryComplete();
        }

        // The peer is gone or closing: running responses cannot be delivered, so stop them.
        await _lifetime.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_lanes.Values.Select(l => l.Worker)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Net.WebSockets.WebSocketException or ObjectDisposedException)
        {
        }
    }
}
