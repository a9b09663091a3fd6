using System.Diagnostics;

namespace Tandem.Responses.Transport;

/// <summary>
/// Whether a connection's thread should spin (yielding the CPU between looks at its socket) before
/// it sleeps in the kernel: while most recent waits for data ended within the spin limit, and less
/// often after spins that caught nothing. A connection keeps two, for waits for the answer to a
/// request and waits for more of what is streaming (<see cref="ConnectionSpin"/>), used by its
/// thread alone.
/// </summary>
/// <remarks>
/// <para>
/// Why spin: on a virtual machine a thread that sleeps lets its virtual CPU halt, and waking a halted
/// CPU costs tens of microseconds, paid on every burst of a turn that a local server answers within
/// microseconds (docs/performance.md, "A seventh pass"). Why yield while spinning: a thread that
/// merely busy-waits takes the CPU from the threads it is waiting for when they share the machine's
/// cores; one that yields gives it to any of them that is ready to run, and otherwise keeps the CPU
/// awake.
/// </para>
/// <para>
/// Why adapt: against a distant server data comes milliseconds apart, and spinning through each of
/// those waits would burn CPU for nothing. Two rules bound that. The share of recent waits (spun or
/// slept, each new one weighing 1/8) that ended within the limit must be at least half: a few long
/// waits in a row stop the spinning, and the kernel waits that follow are measured too, so it
/// resumes when waits are short again. And a spin that caught nothing makes the next ones wait:
/// after one, the next 2 waits sleep at once; after two in a row, the next 4; up to 64. That covers
/// a stream whose short waits (a message split over several packets) keep the share up while every
/// spin falls on the long wait between messages.
/// </para>
/// </remarks>
internal struct AdaptiveSpin
{
    private const int One = 256; // the share, in 1/256ths
    private const int Half = One / 2;
    private const int Weight = 3; // a new wait counts for 1/8
    private const int MaxBackOff = 6; // 2^6 = 64 waits

    private readonly long _limitTicks;
    private int _shortShare;
    private int _misses; // spins in a row that caught nothing
    private int _sleepsLeft; // waits left that sleep at once since the last miss

    /// <param name="limit">How long a wait spins at most; zero never spins.</param>
    public AdaptiveSpin(TimeSpan limit)
    {
        _limitTicks = (long)(limit.TotalSeconds * Stopwatch.Frequency);
        _shortShare = One;
    }

    /// <summary>The spin limit, in <see cref="Stopwatch"/> ticks (0: spinning is off).</summary>
    public readonly long LimitTicks => _limitTicks;

    /// <summary>True when the next wait should spin first.</summary>
    public readonly bool ShouldSpin => _limitTicks > 0 && _shortShare >= Half && _sleepsLeft == 0;

    /// <summary>
    /// Counts a wait that took <paramref name="waitedTicks"/> (<see cref="Stopwatch"/> ticks);
    /// <paramref name="spin"/>: whether it spun, and if so whether the spin caught the data.
    /// </summary>
    public void Record(long waitedTicks, SpinOutcome spin)
    {
        if (_limitTicks == 0)
        {
            return;
        }

        var sample = waitedTicks <= _limitTicks ? One : 0;
        _shortShare += (sample - _shortShare) >> Weight;
        switch (spin)
        {
            case SpinOutcome.Caught:
                _misses = 0;
                break;
            case SpinOutcome.Missed:
                _misses = Math.Min(_misses + 1, MaxBackOff);
                _sleepsLeft = 1 << _misses;
                break;
            default:
                if (_sleepsLeft > 0)
                {
                    _sleepsLeft--;
                }

                break;
        }
    }
}
