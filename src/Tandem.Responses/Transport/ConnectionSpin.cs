namespace Tandem.Responses.Transport;

/// <summary>
/// A connection's two spin estimates (<see cref="AdaptiveSpin"/>) and the wait in progress: waits for
/// the answer to a request (something was written after the last data came: a model thinks for a
/// while, a local server answers at once) and waits for more of what is streaming (the next burst is
/// usually near) are learnt apart. One estimate for both would spin in vain on every long first wait
/// that a response's short waits keep it hoping for. Pure bookkeeping over
/// <see cref="System.Diagnostics.Stopwatch"/> timestamps, used by the connection's thread alone
/// (ConnectionThreadStream.WaitUntilReadable), so that it can be tested without a clock.
/// </summary>
internal sealed class ConnectionSpin
{
    private AdaptiveSpin _forAnswer;
    private AdaptiveSpin _forMore;

    // The wait in progress: what it waits for, since when, and the last data before it began.
    private bool _waitsForAnswer;
    private long _since;
    private long _dataBefore;

    public ConnectionSpin(TimeSpan limit)
    {
        _forAnswer = new AdaptiveSpin(limit);
        _forMore = new AdaptiveSpin(limit);
    }

    /// <summary>True while the wait in progress waits for an answer (diagnostics, tests).</summary>
    public bool WaitsForAnswer => _waitsForAnswer;

    /// <summary>
    /// Waits that spun before sleeping (diagnostics). At least <see cref="Hits"/> + <see cref="Misses"/>:
    /// a spin also ends when a request goes out and waits for answers do not spin.
    /// </summary>
    public int Spins { get; private set; }

    /// <summary>Spins that ended with data to read, without sleeping (diagnostics).</summary>
    public int Hits { get; private set; }

    /// <summary>Spins that ran to the limit without data, then slept: CPU spent in vain (diagnostics).</summary>
    public int Misses { get; private set; }

    /// <summary>Spins for an answer that ran to the limit without one (diagnostics, tests).</summary>
    public int AnswerMisses { get; private set; }

    /// <summary>
    /// A wait begins at <paramref name="now"/>; <paramref name="lastWriteAt"/> and <paramref name="lastDataAt"/>
    /// are when the connection last wrote and last read data. Returns until when to spin, or 0 to sleep at once.
    /// </summary>
    public long Begin(long now, long lastWriteAt, long lastDataAt)
    {
        _waitsForAnswer = lastWriteAt > lastDataAt;
        _since = now;
        _dataBefore = lastDataAt;
        ref var policy = ref Policy;
        if (!policy.ShouldSpin)
        {
            return 0;
        }

        Spins++;
        return now + policy.LimitTicks;
    }

    /// <summary>
    /// While spinning: the connection last wrote at <paramref name="lastWriteAt"/>. A write since the
    /// last data turns a wait for more into one for the answer (a request that went out from another
    /// thread: a caller that blocks between turns, an HTTP request behind the pool's read-ahead),
    /// which spins as long as such waits do, from the write on. Returns the spin's new deadline
    /// (<paramref name="until"/> unchanged otherwise), or 0 to stop spinning.
    /// </summary>
    public long WroteWhileSpinning(long lastWriteAt, long until)
    {
        if (_waitsForAnswer || lastWriteAt <= _dataBefore)
        {
            return until;
        }

        _forMore.Record(Math.Max(0, lastWriteAt - _since), SpinOutcome.NotSpun); // the gap before it, as a wait for more
        _waitsForAnswer = true;
        _since = Math.Max(_since, lastWriteAt);
        return _forAnswer.ShouldSpin ? _since + _forAnswer.LimitTicks : 0;
    }

    /// <summary>
    /// The wait ended at <paramref name="now"/> with <paramref name="spin"/>; <paramref name="lastWriteAt"/>
    /// must have been read before <paramref name="now"/> was taken.
    /// </summary>
    public void End(long lastWriteAt, long now, SpinOutcome spin)
    {
        Hits += spin == SpinOutcome.Caught ? 1 : 0;
        Misses += spin == SpinOutcome.Missed ? 1 : 0;
        if (!_waitsForAnswer && spin != SpinOutcome.Caught && lastWriteAt > _dataBefore)
        {
            // A request went out while this slept: the rest of the wait was one for its answer.
            _forMore.Record(Math.Max(0, lastWriteAt - _since), spin);
            _waitsForAnswer = true;
            spin = SpinOutcome.NotSpun;
        }

        if (_waitsForAnswer)
        {
            _since = Math.Max(_since, lastWriteAt); // timed from the latest write (a second request, a pong…)
            if (spin == SpinOutcome.Missed)
            {
                AnswerMisses++;
            }
        }

        Policy.Record(Math.Max(0, now - _since), spin);
    }

    private ref AdaptiveSpin Policy => ref _waitsForAnswer ? ref _forAnswer : ref _forMore;
}
