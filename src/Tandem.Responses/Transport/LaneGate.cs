namespace Tandem.Responses.Transport;

/// <summary>One response in flight per lane; a bounded number waiting behind it.</summary>
internal sealed class LaneGate
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _waiting;
    private LaneBuffer? _idleEvents;

    public async ValueTask EnterAsync(int maxQueued, string lane, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waiting) > maxQueued + 1)
        {
            Interlocked.Decrement(ref _waiting);
            throw new InvalidOperationException($"Lane '{lane}' already has {maxQueued} responses waiting (MaxQueuedPerLane).");
        }

        try
        {
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _waiting);
            throw;
        }
    }

    public void Exit()
    {
        Interlocked.Decrement(ref _waiting);
        _turn.Release();
    }

    /// <summary>
    /// The event buffer the lane's last response left, or null. Only the response that holds the
    /// gate takes or gives one; a buffer is given back only empty, open, and out of the reach of the
    /// connection it served (see WebSocketTransport.StreamAsync).
    /// </summary>
    public LaneBuffer? TakeIdleEvents() => Interlocked.Exchange(ref _idleEvents, null);

    public void GiveIdleEvents(LaneBuffer events) => Volatile.Write(ref _idleEvents, events);
}
