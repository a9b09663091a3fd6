namespace Tandem.Voice.Recognition;

/// <summary>
/// At most <c>capacity</c> decoders, created on demand and reused; a caller waits for a free one.
/// A decoder whose call failed is thrown away rather than reused in an unknown state.
/// </summary>
internal sealed class DecoderPool : IDisposable
{
    private readonly Func<PocketSphinxDecoder> _create;
    private readonly SemaphoreSlim _slots;
    private readonly Stack<PocketSphinxDecoder> _idle = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    public DecoderPool(int capacity, Func<PocketSphinxDecoder> create, PocketSphinxDecoder? first = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _create = create;
        _slots = new SemaphoreSlim(capacity, capacity);
        if (first is not null)
        {
            _idle.Push(first);
        }
    }

    public async ValueTask<PocketSphinxDecoder> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_idle.TryPop(out var idle))
                {
                    return idle;
                }
            }

            return _create();
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void Return(PocketSphinxDecoder decoder, bool reusable)
    {
        var keep = false;
        lock (_gate)
        {
            if (reusable && !_disposed)
            {
                _idle.Push(decoder);
                keep = true;
            }
        }

        if (!keep)
        {
            decoder.Dispose();
        }

        // Always released, also after Dispose: a caller still waiting then wakes and sees the pool is gone.
        _slots.Release();
    }

    public void Dispose()
    {
        PocketSphinxDecoder[] idle;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var decoder in idle)
        {
            decoder.Dispose();
        }

        // The semaphore stays undisposed: callers still waiting on it must wake, not crash.
    }
}
