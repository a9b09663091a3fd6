using System.Diagnostics;
using Tandem.Responses.Transport;

namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// The reusable wait under a race: a result and a cancellation land together, the result wins,
/// and the waiter at once waits again with another token. A cancellation callback of the first
/// wait that was still running must not cancel the second one.
/// </summary>
public sealed class AsyncWaiterTests
{
    // The race needs a synchronous observer: every result is read only once its ValueTask has
    // completed (spun for), so nothing blocks.
#pragma warning disable xUnit1031
    [Fact]
    public void Arm_AfterAResultBeatACancellation_TheNextWaitIsNotCancelledByTheOldToken()
    {
        // Stress for a bounded time: before the fix this hit ~18 times a second on a 2-core machine.
        var waiter = new AsyncWaiter(runContinuationsAsynchronously: false);
        var budget = Stopwatch.StartNew();
        long round = 0, done = 0, contested = 0;
        CancellationTokenSource? first = null;
        var canceller = new Thread(() =>
        {
            long seen = 0;
            while (true)
            {
                long next;
                while ((next = Volatile.Read(ref round)) == seen)
                {
                    Thread.SpinWait(1);
                }

                if (next < 0)
                {
                    return;
                }

                seen = next;
                Volatile.Read(ref first)!.Cancel();
                Volatile.Write(ref done, next);
            }
        }) { IsBackground = true };
        canceller.Start();
        var jitter = new Random(7);
        var stale = new List<string>();
        try
        {
            // At least 1.5 s and 100 contested rounds; on a loaded machine (the other tests run in
            // parallel) the rounds where the result wins come slower, so run on for them, up to 30 s.
            for (long i = 1; (budget.Elapsed < TimeSpan.FromSeconds(1.5) || contested <= 100) && budget.Elapsed < TimeSpan.FromSeconds(30) && stale.Count == 0; i++)
            {
                using var a = new CancellationTokenSource();
                using var b = new CancellationTokenSource();
                Volatile.Write(ref first, a);
                var wait = waiter.Arm(a.Token);
                Volatile.Write(ref round, i); // the canceller cancels `a` now, racing the result below
                Thread.SpinWait(jitter.Next(0, 60));
                waiter.TrySetResult(true);
                var spin = new SpinWait();
                while (!wait.IsCompleted)
                {
                    spin.SpinOnce(-1);
                }

                bool won;
                try
                {
                    won = wait.GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    won = false;
                }

                ValueTask<bool> next = default;
                if (won)
                {
                    contested++;
                    next = waiter.Arm(b.Token);
                }

                while (Volatile.Read(ref done) != i)
                {
                    Thread.SpinWait(1);
                }

                if (!won)
                {
                    continue;
                }

                if (!next.IsCompleted)
                {
                    waiter.TrySetResult(false);
                }

                try
                {
                    next.GetAwaiter().GetResult();
                }
                catch (OperationCanceledException ex)
                {
                    stale.Add($"round {i}: the wait on an uncancelled token ended cancelled (by the first token: {ex.CancellationToken == a.Token})");
                }
            }
        }
        finally
        {
            Volatile.Write(ref round, -1);
        }

        Assert.Empty(stale);
        Assert.True(contested > 100, $"only {contested} rounds where the result won: the race was not exercised");
    }
#pragma warning restore xUnit1031
}
