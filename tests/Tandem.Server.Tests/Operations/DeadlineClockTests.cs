using System.Diagnostics;
using Tandem.Server.Operations;

namespace Tandem.Server.Tests.Operations;

/// <summary>Waits against absolute deadlines: past ones return at once, and every wait honours cancellation.</summary>
public sealed class DeadlineClockTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void WaitUntilAsync_ZeroOrNegativeOffset_CompletesSynchronously(double offsetMs)
    {
        var clock = DeadlineClock.StartNew();

        var wait = clock.WaitUntilAsync(offsetMs, TestContext.Current.CancellationToken);

        Assert.True(wait.IsCompletedSuccessfully);
    }

    [Fact]
    public void WaitUntilAsync_DeadlineAlreadyPassed_CompletesSynchronously()
    {
        var clock = new DeadlineClock(Stopwatch.GetTimestamp() - (Stopwatch.Frequency * 60)); // started a minute ago

        var wait = clock.WaitUntilAsync(1_000, TestContext.Current.CancellationToken);

        Assert.True(wait.IsCompletedSuccessfully);
        Assert.True(clock.ElapsedMs >= 60_000);
    }

    [Fact]
    public async Task WaitUntilAsync_AlreadyCancelledToken_ThrowsOperationCanceled()
    {
        var clock = DeadlineClock.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await clock.WaitUntilAsync(60_000, cts.Token));
    }

    [Fact]
    public async Task WaitUntilAsync_CancelledWhileWaiting_ThrowsOperationCanceled()
    {
        var clock = DeadlineClock.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var wait = clock.WaitUntilAsync(60_000, cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
