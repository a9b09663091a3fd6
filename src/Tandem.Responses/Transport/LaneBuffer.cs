using Tandem.Responses.Protocol;

namespace Tandem.Responses.Transport;

/// <summary>
/// A lane's bounded event buffer: one writer (the connection's receive loop) and one reader (the
/// response on the lane). Unlike a channel, a write does not wake a waiting reader; the writer
/// publishes with <see cref="Flush"/> once the socket has nothing more ready (or the buffer is full).
/// </summary>
/// <remarks>
/// Why: a turn's frames usually arrive together (on loopback 27 of 28 socket reads complete at
/// once), and a reader woken per event runs its whole chain of async iterators back up for each
/// one. Published per burst, the reader takes the burst in one go, every step completing
/// synchronously. Events are visible to <see cref="TryRead"/> as soon as they are written; only
/// the wake-up waits for the flush, so a reader that is already running never waits for one.
/// </remarks>
internal sealed class LaneBuffer
{
    private readonly Lock _sync = new();
    private readonly Queue<ResponseStreamEvent> _items;
    private readonly int _capacity;
    private readonly AsyncWaiter _reader;
    private readonly AsyncWaiter _writer = new(runContinuationsAsynchronously: true); // the socket never runs on a reader's stack
    private bool _readerWaiting;
    private bool _writerWaiting;
    private bool _completed;
    private Exception? _error;

    /// <param name="capacity">Events held before the writer must wait.</param>
    /// <param name="inline">
    /// Run a woken reader on the writer's thread (<see cref="ResponsesClientOptions.DeliverEventsInline"/>):
    /// one thread-pool hop (a wake-up, and a worker spinning for work) less per burst. The reader
    /// runs until its next await that does not complete at once, so it holds up the socket (and the
    /// connection's other lanes) only by the work it does; a consumer that blocks its thread until
    /// the same stream moves on (sync over async) would deadlock the connection.
    /// </param>
    public LaneBuffer(int capacity, bool inline)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _items = new Queue<ResponseStreamEvent>(Math.Min(capacity, 64));
        _reader = new AsyncWaiter(runContinuationsAsynchronously: !inline);
    }

    /// <summary>Events written and not read yet.</summary>
    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>True once <see cref="TryComplete"/> ran (events may still be waiting to be read).</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_sync)
            {
                return _completed;
            }
        }
    }

    // ---- Writer side ----------------------------------------------------------------------------

    /// <summary>
    /// Adds <paramref name="evt"/> without waking the reader. False when the buffer is full (flush,
    /// then <see cref="WaitToWriteAsync"/>); true, dropping the event, when the buffer was completed.
    /// </summary>
    public bool TryWrite(ResponseStreamEvent evt)
    {
        lock (_sync)
        {
            if (_completed)
            {
                return true; // the response ended (its reader is gone or failed): nothing reads this
            }

            if (_items.Count >= _capacity)
            {
                return false;
            }

            _items.Enqueue(evt);
            return true;
        }
    }

    /// <summary>Wakes a waiting reader when there is something to read.</summary>
    public void Flush()
    {
        lock (_sync)
        {
            if (!_readerWaiting || _items.Count == 0)
            {
                return;
            }

            _readerWaiting = false;
        }

        _reader.TrySetResult(true); // outside the lock: an inline reader runs from here
    }

    /// <summary>True when there is room; false when the buffer was completed.</summary>
    public ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_completed)
            {
                return ValueTask.FromResult(false);
            }

            if (_items.Count < _capacity)
            {
                return ValueTask.FromResult(true);
            }

            _writerWaiting = true;
            return _writer.Arm(cancellationToken);
        }
    }

    /// <summary>
    /// Ends the buffer: the reader reads what is left, then <see cref="WaitToReadAsync"/> returns
    /// false, or throws <paramref name="error"/> when one is given. False when already completed.
    /// </summary>
    public bool TryComplete(Exception? error = null)
    {
        bool wakeReader, wakeWriter;
        lock (_sync)
        {
            if (_completed)
            {
                return false;
            }

            _completed = true;
            _error = error;
            wakeReader = _readerWaiting;
            wakeWriter = _writerWaiting;
            _readerWaiting = _writerWaiting = false;
        }

        if (wakeReader)
        {
            _reader.TrySetResult(true); // it finds the buffer completed and ends or throws
        }

        if (wakeWriter)
        {
            _writer.TrySetResult(false);
        }

        return true;
    }

    // ---- Reader side ----------------------------------------------------------------------------

    public bool TryRead(out ResponseStreamEvent evt)
    {
        bool wakeWriter;
        lock (_sync)
        {
            if (!_items.TryDequeue(out evt!))
            {
                return false;
            }

            wakeWriter = _writerWaiting;
            _writerWaiting = false;
        }

        if (wakeWriter)
        {
            _writer.TrySetResult(true);
        }

        return true;
    }

    /// <summary>
    /// True when there is something to read; false when the buffer was completed without an error
    /// and is empty; throws the completion error once the buffer is empty.
    /// </summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        lock (_sync)
        {
            if (_items.Count > 0)
            {
                return ValueTask.FromResult(true);
            }

            if (_completed)
            {
                return _error is null ? ValueTask.FromResult(false) : ValueTask.FromException<bool>(_error);
            }

            _readerWaiting = true;
            return _reader.Arm(cancellationToken);
        }
    }
}
