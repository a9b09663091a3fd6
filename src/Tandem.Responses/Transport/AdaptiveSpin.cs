using System.Diagnostics;

namespace Tandem.Responses.Transport;

/// <summary>
/// Whether a connection's thread should spin (yielding the CPU between looks at its socket) before
/// it sleeps in the kernel: only while most recent waits for data ended within the spin limit. One
/// per connection, used by its thread alone.
/// </summary>
/// <remarks>
/// Why spin: on a virtual machine a thread that sleeps lets its virtual CPU halt, and waking a halted
/// CPU costs tens of microseconds, paid on every burst of a turn that a local server answers within
/// microseconds (docs/performance.md, "A seventh pass"). Why yield while spinning: a thread that
/// merely busy-waits takes the CPU from the threads it is waiting for when they share the machine's
/// cores; one that yields gives it to any of them that is ready to run, and otherwise keeps the CPU
/// awake. Why adapt: against a remote server data comes milliseconds apart, and spinning through
/// every one of those waits would burn CPU for nothing; the estimate turns spinning off after a few
/// long waits, and measures the kernel waits that follow, so it turns back on when waits are short again.
/// </remarks>
internal struct AdaptiveSpin
{
    // The share of recent waits that ended within the limit, in 1/256ths, each new wait weighing 1/8.
    // Spinning starts on, and stays on while at least half of them did.
    private const int One = 256;
    private const int Half = One / 2;
    private const int Weight = 3; // 1/8

    private readonly long _limitTicks;
    private int _shortShare;

    /// <param name="limit">How long a wait spins at most; zero never spins.</param>
    public AdaptiveSpin(TimeSpan limit)
    {
        _limitTicks = (long)(limit.TotalSeconds * Stopwatch.Frequency);
        _shortShare = One;
    }

    /// <summary>The spin limit, in <see cref="Stopwatch"/> ticks (0: spinning is off).</summary>
    public readonly long LimitTicks => _limitTicks;

    /// <summary>True when the next wait should spin first.</summary>
    public readonly bool ShouldSpin => _limitTicks > 0 && _shortShare >= Half;

    /// <summary>Counts a wait that took <paramref name="waitedTicks"/> (<see cref="Stopwatch"/> ticks), spun or slept.</summary>
    public void Record(long waitedTicks)
    {
        if (_limitTicks == 0)
        {
            return;
        }

        var sample = waitedTicks <= _limitTicks ? One : 0;
        _shortShare += (sample - _shortShare) >> Weight;
    }
}
