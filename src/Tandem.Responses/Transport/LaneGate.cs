namespace Tandem.Responses.Transport;

/// <summary>One response in flight per lane; a bounded number waiting behind it.</summary>
internal sealed class LaneGate
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _waiting;

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
}
