using Tandem.Responses.Protocol;
using Tandem.Responses.Transport;

namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// The lane buffer on its own: a write is visible at once but wakes a waiting reader only on
/// flush; it holds at most its capacity; completion lets the reader finish what is left, then ends
/// or throws; a cancelled wait ends with the token and does not spoil the next one.
/// </summary>
public sealed class LaneBufferTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WaitToReadAsync_WritesWithoutAFlush_DoNotWakeTheReader_TheFlushDoes(bool inline)
    {
        var buffer = new LaneBuffer(8, inline);
        var waiting = buffer.WaitToReadAsync(TestContext.Current.CancellationToken);

        Assert.True(buffer.TryWrite(Event(0)));
        Assert.True(buffer.TryWrite(Event(1)));
        Assert.False(waiting.IsCompleted);

        buffer.Flush();

        Assert.True(await waiting);
        Assert.True(buffer.TryRead(out var first));
        Assert.True(buffer.TryRead(out var second));
        Assert.False(buffer.TryRead(out _));
        Assert.Equal([0, 1], new[] { first.SequenceNumber, second.SequenceNumber });
    }

    [Fact]
    public void TryRead_WrittenButNotFlushed_IsReadable()
    {
        var buffer = new LaneBuffer(8, inline: true);
        Assert.True(buffer.TryWrite(Event(7)));

        Assert.True(buffer.TryRead(out var evt));
        Assert.Equal(7, evt.SequenceNumber);
    }

    [Fact]
    public void Flush_NothingWritten_LeavesTheReaderWaiting()
    {
        var buffer = new LaneBuffer(8, inline: true);
        var waiting = buffer.WaitToReadAsync(TestContext.Current.CancellationToken);

        buffer.Flush();

        Assert.False(waiting.IsCompleted);
        buffer.TryComplete();
    }

    [Fact]
    public async Task TryWrite_Full_RefusesUntilTheReaderMakesRoom()
    {
        var ct = TestContext.Current.CancellationToken;
        var buffer = new LaneBuffer(2, inline: true);
        Assert.True(buffer.TryWrite(Event(0)));
        Assert.True(buffer.TryWrite(Event(1)));

        Assert.False(buffer.TryWrite(Event(2)));
        Assert.Equal(2, buffer.Count);
        var room = buffer.WaitToWriteAsync(ct);
        Assert.False(room.IsCompleted);

        Assert.True(buffer.TryRead(out _));

        Assert.True(await room.AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct)); // resumes on the thread pool
        Assert.True(buffer.TryWrite(Event(2)));
        Assert.Equal(2, buffer.Count);
    }

    [Fact]
    public async Task WaitToReadAsync_CompletedWithAnError_ReadsWhatIsLeftThenThrowsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var buffer = new LaneBuffer(8, inline: true);
        var waiting = buffer.WaitToReadAsync(ct);
        buffer.TryWrite(Event(0));
        var error = new ResponsesConnectionException("gone");

        Assert.True(buffer.TryComplete(error)); // wakes the reader although nothing was flushed
        Assert.False(buffer.TryComplete());

        Assert.True(await waiting);
        Assert.True(buffer.TryRead(out var left));
        Assert.Equal(0, left.SequenceNumber);
        Assert.Same(error, await Assert.ThrowsAsync<ResponsesConnectionException>(() => buffer.WaitToReadAsync(ct).AsTask()));
        Assert.True(buffer.TryWrite(Event(1))); // dropped: nothing reads a completed buffer
        Assert.False(buffer.TryRead(out _));
    }

    [Fact]
    public async Task WaitToReadAsync_CompletedWithoutAnError_ReturnsFalseOnceEmpty()
    {
        var buffer = new LaneBuffer(8, inline: false);
        buffer.TryComplete();

        Assert.False(await buffer.WaitToReadAsync(TestContext.Current.CancellationToken));
        Assert.True(buffer.IsCompleted);
    }

    [Fact]
    public async Task WaitToWriteAsync_CompletedWhileWaiting_ReturnsFalse()
    {
        var ct = TestContext.Current.CancellationToken;
        var buffer = new LaneBuffer(1, inline: true);
        buffer.TryWrite(Event(0));
        var room = buffer.WaitToWriteAsync(ct);

        buffer.TryComplete(new ResponsesConnectionException("gone"));

        Assert.False(await room.AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct));
    }

    [Fact]
    public async Task WaitToReadAsync_Cancelled_ThrowsWithTheToken_AndTheNextWaitStillWorks()
    {
        var buffer = new LaneBuffer(8, inline: true);
        using var cts = new CancellationTokenSource();
        var waiting = buffer.WaitToReadAsync(cts.Token);

        await cts.CancelAsync();

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.AsTask());
        Assert.Equal(cts.Token, cancelled.CancellationToken);

        // The stale "reader waiting" state must neither throw on the next flush nor block the next wait.
        buffer.TryWrite(Event(0));
        buffer.Flush();
        Assert.True(await buffer.WaitToReadAsync(TestContext.Current.CancellationToken));

        Assert.True(buffer.TryRead(out _));
        var next = buffer.WaitToReadAsync(TestContext.Current.CancellationToken);
        buffer.TryWrite(Event(1));
        buffer.Flush();
        Assert.True(await next);
    }

    [Fact]
    public async Task WaitToReadAsync_AlreadyCancelledToken_CompletesCancelled()
    {
        var buffer = new LaneBuffer(8, inline: true);
        var waiting = buffer.WaitToReadAsync(new CancellationToken(canceled: true));

        Assert.True(waiting.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.AsTask());
    }

    [Fact]
    public async Task Flush_Inline_RunsTheWaitingReaderOnTheFlushingThread()
    {
        var buffer = new LaneBuffer(8, inline: true);
        int? readerThread = null;
        var reader = Task.Run(async () =>
        {
            await buffer.WaitToReadAsync(CancellationToken.None);
            readerThread = Environment.CurrentManagedThreadId;
        }, TestContext.Current.CancellationToken);
        while (!IsWaiting(buffer))
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        buffer.TryWrite(Event(0));
        buffer.Flush();

        Assert.Equal(Environment.CurrentManagedThreadId, readerThread); // set before Flush returned
        await reader;
    }

    // The reader has parked its wait (polled: the test must not flush before that).
    private static bool IsWaiting(LaneBuffer buffer) =>
        (bool)typeof(LaneBuffer).GetField("_readerWaiting", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(buffer)!;

    private static OutputTextDeltaEvent Event(int sequence) => new() { Type = ResponseEventTypes.OutputTextDelta, SequenceNumber = sequence, Delta = "x" };
}
