using System.Diagnostics;

namespace Tandem.Server.Operations;

/// <summary>
/// Waits until absolute offsets from one start time. <c>Task.Delay</c> alone overshoots by
/// milliseconds on small waits, and chained relative delays add those errors up across deltas
/// and turns; so each wait sleeps coarsely to ~1.5 ms before its deadline and spins the rest.
/// Public so the bench's simulated tools wait the same way the server's schedule does.
/// </summary>
public sealed class DeadlineClock
{
    private static readonly long SpinWindowTicks = Stopwatch.Frequency * 15 / 10_000; // 1.5 ms
    private readonly long _start;

    public DeadlineClock(long startTimestamp) => _start = startTimestamp;

    public static DeadlineClock StartNew() => new(Stopwatch.GetTimestamp());

    /// <summary>Milliseconds since the start.</summary>
    public double ElapsedMs => Stopwatch.GetElapsedTime(_start).TotalMilliseconds;

    /// <summary>Waits until <paramref name="offsetMs"/> after the start; returns at once if that has passed.</summary>
    public async ValueTask WaitUntilAsync(double offsetMs, CancellationToken cancellationToken)
    {
        if (offsetMs <= 0)
        {
            return;
        }

        var deadline = _start + (long)(offsetMs * Stopwatch.Frequency / 1000.0);
        var remaining = deadline - Stopwatch.GetTimestamp();
        if (remaining <= 0)
        {
            return;
        }

        if (remaining > SpinWindowTicks)
        {
            var coarse = TimeSpan.FromSeconds((double)(remaining - SpinWindowTicks) / Stopwatch.Frequency);
            await Task.Delay(coarse, cancellationToken).ConfigureAwait(false);
        }

        var spinner = default(SpinWait);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
