using System.Net;
using System.Net.Sockets;
using Tandem.Responses.Transport;

namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// <c>ConnectionThreadStream</c> on its own, against a plain TCP listener: reads from other threads
/// while the receive loop holds the connection's thread, after it has ended, and when the stream is
/// disposed under a waiting read (cases found in review).
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

    private static async Task<Connected> ConnectAsync(CancellationToken cancellationToken)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepting = listener.AcceptSocketAsync(cancellationToken);
        var stream = await ConnectionThreadStream.ConnectAsync(new DnsEndPoint("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port), "Tandem test", null, cancellationToken);
        return new Connected(stream, await accepting, listener);
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
