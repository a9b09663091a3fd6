using System.Diagnostics;

namespace Tandem.Bench.Scenarios;

/// <summary>
/// Waits to an absolute deadline: a coarse <see cref="Task.Delay(TimeSpan, CancellationToken)"/> to
/// about 1.5 ms before it, then a short spin (benchmark-method.md: bare delays overshoot by ~3 ms on
/// this kind of machine, which would make the simulated tools, not the clients, set the result).
/// </summary>
public static class Deadline
{
    private const double SpinMs = 1.5;

    public static async Task WaitUntilAsync(long startTimestamp, double afterMs, CancellationToken cancellationToken)
    {
        if (afterMs <= 0)
        {
            return;
        }

        var remaining = afterMs - Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        if (remaining > SpinMs)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(remaining - SpinMs), cancellationToken).ConfigureAwait(false);
        }

        while (Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds < afterMs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Thread.SpinWait(64);
        }
    }
}
