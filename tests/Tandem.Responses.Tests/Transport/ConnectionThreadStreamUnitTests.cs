using System.Net;
using System.Net.Sockets;
using Tandem.Responses.Transport;

namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// <c>ConnectionThreadStream</c> on its own, against a plain TCP listener: reads from other threads
/// while the receive loop holds the connection's thread, after it has ended, and when the stream is
/// disposed under a waiting read (cases found in review); and the spin before a wait, which must
/// catch data that comes at once and stop when data comes slowly.
/// </summary>
public sealed class ConnectionThreadStreamUnitTests
{
    [Fact]
    public async Task AReadFromAnotherThread_WhileTheReceiveLoopHoldsTheThread_IsServedWhenDataComes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var connected = await ConnectAsync(ct);
        var (stream, peer) = (connected.Stream, connected.Peer);
        using var busy = new ManualResetEventSlim();
        stream.StartReceiving(() => busy.Wait(TimeSpan.FromSeconds(10), ct)); // e.g. a delivery waiting for room in a full lane
        await Task.Delay(100, ct);

        var read = Task.Run(async () => await stream.ReadAsync(new byte[16], ct), ct); // e.g. a runtime keep-alive reading ahead
        await Task.Delay(100, ct);
        peer.Send("x"u8.ToArray());

        var served = await Task.WhenAny(read, Task.Delay(5000, ct)) == read;
        stream.Dispose();
        busy.Set();
        Assert.True(served, "data arrived but the read was not served while the receive loop held the thread");
        Assert.Equal(1, await read);
    }

    [Fact]
    public async Task AReadAfterTheReceiveLoopEnded_FailsAtOnceInsteadOfSpinning()
    {
        var ct = TestContext.Current.CancellationToken;
        using var connected = await ConnectAsync(ct);
        var (stream, peer) = (connected.Stream, connected.Peer);
        stream.StartReceiving(() => { }); // the loop ended (and the thread with it) before anyone disposed the stream
        await Task.Delay(100, ct);

        var read = Task.Run(async () => await stream.ReadAsync(new byte[16], ct), ct);
        var ended = await Task.WhenAny(read, Task.Delay(5000, ct)) == read;
        stream.Dispose();

        Assert.True(ended, "the read neither returned nor failed: it spins");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => read);
    }

    [Fact]
    public async Task AReadWaitingBehindAThreadHeldByCodeItResumed_IsServedWhenDataComes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var connected = await ConnectAsync(ct);
        var (stream, peer) = (connected.Stream, connected.Peer);
        using var release = new ManualResetEventSlim();

        // The first read resumes its continuation on the connection's thread, which then holds it
        // (as a caller blocking on a request would). A second read, from elsewhere, waits behind it.
        string? heldThread = null;
        var first = Task.Run(async () => await stream.ReadAsync(new byte[16], ct), ct);
        var holding = first.ContinueWith(
            _ =>
            {
                heldThread = Thread.CurrentThread.Name;
                release.Wait(TimeSpan.FromSeconds(20), ct);
            },
            ct,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        await Task.Delay(100, ct);
        peer.Send("a"u8.ToArray());
        for (var waited = 0; heldThread is null && waited < 5000; waited += 10)
        {
            await Task.Delay(10, ct);
        }

        var second = Task.Run(async () => await stream.ReadAsync(new byte[16], ct), ct);
        await Task.Delay(100, ct);
        peer.Send("b"u8.ToArray());
        var served = await Task.WhenAny(second, Task.Delay(5000, ct)) == second;
        release.Set();
        await holding;
        stream.Dispose();

        Assert.Equal("Tandem test", heldThread); // the case in question: the connection's own thread was held
        Assert.True(served, "the second read was not served while the connection's thread was held");
        Assert.Equal(1, await second);
        Assert.Equal(1, stream.Rescues);
    }

    [Fact]
    public async Task Dispose_FailsAReadWaitingForData()
    {
        var ct = TestContext.Current.CancellationToken;
        using var connected = await ConnectAsync(ct);
        var (stream, peer) = (connected.Stream, connected.Peer);

        // A read waiting for data that does not come: disposing the stream must end it at once.
        var first = Task.Run(async () => await stream.ReadAsync(new byte[16], ct), ct);
        await Task.Delay(100, ct);
        Assert.False(first.IsCompleted);

        stream.Dispose();

        var ended = await Task.WhenAny(first, Task.Delay(5000, ct)) == first;
        Assert.True(ended, "a read waiting for data outlived Dispose");
        await Assert.ThrowsAnyAsync<Exception>(() => first); // ObjectDisposedException or IOException, as a closed NetworkStream says
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DataThatComesAtOnce_IsCaughtBySpinningWithoutSleeping(bool inReceiveLoop)
    {
        var ct = TestContext.Current.CancellationToken;
        using var connected = await ConnectAsync(ct, TimeSpan.FromMilliseconds(10)); // the longest spin allowed: the peer answers well within it
        var received = await PingPongAsync(connected, inReceiveLoop, rounds: 20, delay: TimeSpan.Zero, ct);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (byte)i), received);
        Assert.True(connected.Stream.SpinHits > 0, $"no wait was served by spinning ({connected.Stream.Spins} spun)");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DataThatComesSlowly_StopsTheSpinning(bool inReceiveLoop)
    {
        var ct = TestContext.Current.CancellationToken;
        using var connected = await ConnectAsync(ct, TimeSpan.FromMilliseconds(1));
        var received = await PingPongAsync(connected, inReceiveLoop, rounds: 16, delay: TimeSpan.FromMilliseconds(20), ct);

        Assert.Equal(Enumerable.Range(0, 16).Select(i => (byte)i), received);
        Assert.Equal(0, connected.Stream.SpinHits);
        Assert.InRange(connected.Stream.Spins, 1, 3);
        Assert.Equal(connected.Stream.Spins, connected.Stream.SpinMisses); // spun at first, then stopped for good (AdaptiveSpin: two spins in vain, then the share of short waits is below half)
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task LongWaitsForAnswers_DoNotStopTheSpinningBetweenTheirParts(bool inReceiveLoop, bool requestFromAnotherThread)
    {
        // Request, answer: the first part of each answer comes 50 ms after the request (a model
        // thinking, a large history tokenised), the next two parts at once. Waits for an answer and
        // waits for more of it are learnt apart, so only the first couple of long ones spin in vain
        // while the short ones keep being caught (one estimate for both spun in vain about every
        // other answer: the short waits kept it hoping). The request may be written by the reader, or
        // by another thread while the reader already waits (a caller that blocks between turns, an
        // HTTP request behind the pool's read-ahead): that wait becomes one for the answer too.
        var ct = TestContext.Current.CancellationToken;
        using var connected = await ConnectAsync(ct, TimeSpan.FromMilliseconds(10));
        const int Rounds = 12;
        var (stream, peer) = (connected.Stream, connected.Peer);
        using var partRead = new SemaphoreSlim(0);
        using var roundRead = new SemaphoreSlim(0);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Client()
        {
            try
            {
                var one = new byte[1];
                for (var round = 0; round < Rounds; round++)
                {
                    if (!requestFromAnotherThread)
                    {
                        stream.Write([(byte)round]);
                    }

                    for (var part = 0; part < 3; part++)
                    {
                        Assert.Equal(1, stream.Read(one));
                        Assert.Equal((byte)((round * 3) + part), one[0]);
                        partRead.Release();
                    }

                    roundRead.Release();
                }

                done.TrySetResult();
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        }

        if (inReceiveLoop)
        {
            stream.StartReceiving(Client);
        }
        else
        {
            _ = Task.Run(Client, ct);
        }

        var requests = !requestFromAnotherThread ? Task.CompletedTask : Task.Run(
            async () =>
            {
                for (var round = 0; round < Rounds; round++)
                {
                    if (round > 0)
                    {
                        Assert.True(await roundRead.WaitAsync(TimeSpan.FromSeconds(10), ct), "an answer was not read");
                    }

                    await Task.Delay(1, ct); // the reader is waiting by now
                    await stream.WriteAsync(new[] { (byte)round }, ct);
                }
            },
            ct);

        var request = new byte[1];
        for (var round = 0; round < Rounds; round++)
        {
            Assert.Equal(1, await peer.ReceiveAsync(request, ct));
            await Task.Delay(50, ct);
            for (var part = 0; part < 3; part++)
            {
                if (part > 0)
                {
                    Assert.True(await partRead.WaitAsync(TimeSpan.FromSeconds(10), ct), "a part was not read");
                }

                await peer.SendAsync(new[] { (byte)((round * 3) + part) }, ct);
            }

            Assert.True(await partRead.WaitAsync(TimeSpan.FromSeconds(10), ct), "the last part was not read");
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        await requests;
        Assert.InRange(stream.AnswerSpinMisses, 1, 3);
        if (!requestFromAnotherThread)
        {
            Assert.InRange(stream.SpinMisses, 1, 3);
            Assert.True(stream.SpinHits >= Rounds, $"only {stream.SpinHits} of the {Rounds * 2} short waits were caught by spinning");
        }
        else
        {
            // Between turns the reader's wait for more spins until the request goes out, which a busy
            // machine may delay past the limit: those spins in vain are the scheduler's, not answers'.
            Assert.True(stream.SpinHits > 0, "no short wait was caught by spinning");
        }
    }

    [Fact]
    public async Task WithASpinLimitOfZero_AWaitNeverSpins()
    {
        var ct = TestContext.Current.CancellationToken;
        using var connected = await ConnectAsync(ct, TimeSpan.Zero);
        var received = await PingPongAsync(connected, inReceiveLoop: true, rounds: 10, delay: TimeSpan.Zero, ct);

        Assert.Equal(10, received.Count);
        Assert.Equal(0, connected.Stream.Spins);
    }

    /// <summary>
    /// The stream reads one byte <paramref name="rounds"/> times, from its receive loop or from another
    /// thread, and the peer sends each byte <paramref name="delay"/> after its read began.
    /// </summary>
    private static async Task<List<byte>> PingPongAsync(Connected connected, bool inReceiveLoop, int rounds, TimeSpan delay, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        using var reading = new SemaphoreSlim(0);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void ReadAll()
        {
            try
            {
                var buffer = new byte[1];
                for (var i = 0; i < rounds; i++)
                {
                    reading.Release();
                    Assert.Equal(1, connected.Stream.Read(buffer));
                    received.Add(buffer[0]);
                }

                done.TrySetResult();
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        }

        if (inReceiveLoop)
        {
            connected.Stream.StartReceiving(ReadAll);
        }
        else
        {
            _ = Task.Run(ReadAll, cancellationToken);
        }

        for (var i = 0; i < rounds; i++)
        {
            // Each byte is sent once its read has begun (and after the delay from then), so that every
            // read waits at least that long, the first included however late the reader started.
            Assert.True(await reading.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken), $"byte {i} was never read");
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken);
            }

            connected.Peer.Send([(byte)i]);
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        return received;
    }

    private static async Task<Connected> ConnectAsync(CancellationToken cancellationToken, TimeSpan? spinLimit = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepting = listener.AcceptSocketAsync(cancellationToken);
        var stream = await ConnectionThreadStream.ConnectAsync(
            new DnsEndPoint("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port),
            "Tandem test",
            spinLimit ?? new ResponsesClientOptions().ReceiveSpinLimit,
            null,
            cancellationToken);
        var peer = await accepting;
        peer.NoDelay = true; // small answers go out at once, not after the client's delayed ACK (40 ms)
        return new Connected(stream, peer, listener);
    }

    /// <summary>A stream connected to a listener's accepted socket (the peer); disposing ends all three.</summary>
    private sealed record Connected(ConnectionThreadStream Stream, Socket Peer, TcpListener Listener) : IDisposable
    {
        public void Dispose()
        {
            Stream.Dispose();
            Peer.Dispose();
            Listener.Dispose();
        }
    }
}
