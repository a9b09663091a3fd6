using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Tandem.Responses.Transport;

/// <summary>
/// A TCP connection's stream with a thread of its own that does all the connection's waiting in the
/// kernel (<c>poll</c>): for the connection to open, and then for data. A WebSocket connection's
/// receive loop runs on that thread (<see cref="StartReceiving"/>); a reader on any other thread (an
/// HTTP connection's, the WebSocket handshake's) has the thread wait for it and is resumed there.
/// </summary>
/// <remarks>
/// <para>
/// Why: the runtime's asynchronous sockets wait through an event-loop thread that wakes a thread-pool
/// worker for every burst of packets, and idle workers spin while they wait for work. On a turn of a
/// few dozen small frames that cost more CPU than reading and parsing them (measured: a turn's client
/// CPU went from 1.3–1.5× the raw client's to 0.7–0.95×, docs/performance.md, "A sixth pass"). A socket that has once
/// been through that engine stays registered with it, and every packet wakes it whoever reads; so this
/// socket never is: it connects non-blocking and is waited for with <c>poll</c>, and reads and writes
/// are non-blocking calls.
/// </para>
/// <para>
/// On the connection's thread a read that finds nothing calls <see cref="BeforeWait"/> (a WebSocket
/// connection wakes the readers of what it has received), then waits in place; the kernel wakes the
/// thread directly when data comes. A read on another thread that finds nothing posts a wait to the
/// connection's thread and is resumed on it, so the rest of that reader's work (an HTTP response's
/// events, up to its consumer) runs there, reading in place, until it awaits something else. A write
/// that would block (the kernel's send buffer is full: a large request on a slow link) sends the rest
/// through the runtime's asynchronous path; the connection then costs what any socket costs, and
/// stays correct. So does a wait the thread has not started for 100 ms because code it resumed
/// holds it (<see cref="ConnectionThreadRescue"/>).
/// </para>
/// </remarks>
internal sealed class ConnectionThreadStream : Stream
{
    /// <summary>A waiting thread looks at the stream again at least this often (shutting the socket down wakes it at once).</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly BlockingCollection<Action> _jobs = [];
    private readonly Thread _thread;

    // One wait for data at a time (reads of a stream do not overlap), resumed where the data was seen:
    // the connection's thread. Replaced by a new one when the previous wait's reader still holds the
    // thread that completed it (see ReadElsewhereAsync).
    private AsyncWaiter _readable = new(runContinuationsAsynchronously: false);
    private readonly Action _waitForData;

    // 1 while a reader waits for data (a WaitForData job is posted or running, or a rescue waits);
    // and when that wait was posted if it has not started yet (Stopwatch timestamp, 0 otherwise), for
    // ConnectionThreadRescue.
    private int _waitRequested;
    private long _postedAt;
    private int _rescues;
    // Whether to spin before sleeping (ConnectionSpin), from the Stopwatch timestamps of the last
    // write (any thread) and of the last data read.
    private readonly ConnectionSpin _spin;
    private long _lastWriteAt;
    private long _lastDataAt;
    private Socket _socket = null!;
    private NetworkStream? _inner;
    private volatile bool _disposed;

    // Set on the connection's thread when the receive loop starts there: from then on its reads wait in
    // place. Before (the WebSocket handshake), and on an HTTP connection always, a read that finds
    // nothing waits as a posted job even on this thread: the HTTP stack reads ahead on idle connections
    // and expects such a read to stay pending while it goes on to send the request.
    private bool _receiving;

    private ConnectionThreadStream(string name, TimeSpan spinLimit)
    {
        _spin = new ConnectionSpin(spinLimit);
        _waitForData = WaitForData;
        ConnectionThreadRescue.Register(this);
        _thread = new Thread(static state => ((ConnectionThreadStream)state!).RunJobs())
        {
            IsBackground = true,
            Name = name,
        };
        _thread.UnsafeStart(this); // the caller's async locals stay with the caller
    }

    /// <summary>Called on the receive thread when a read finds no data and is about to wait for some.</summary>
    public Action? BeforeWait { get; set; }

    /// <summary>Waits handed to the runtime's socket engine by <see cref="ConnectionThreadRescue"/> (diagnostics).</summary>
    public int Rescues => Volatile.Read(ref _rescues);

    /// <summary>The connection's waits and how their spins ended (diagnostics, <see cref="ConnectionSpin"/>).</summary>
    public int Spins => _spin.Spins;

    public int SpinHits => _spin.Hits;

    public int SpinMisses => _spin.Misses;

    public int AnswerSpinMisses => _spin.AnswerMisses;

    /// <summary>True once a write found the kernel's buffer full and went the runtime's asynchronous way (diagnostics).</summary>
    public bool UsedAsyncWrite { get; private set; }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The stream's thread (tests: it must end with the connection).</summary>
    internal Thread Thread => _thread;

    private bool OnReceiveThread => Thread.CurrentThread == _thread;

    private bool InReceiveLoop => _receiving && OnReceiveThread;

    /// <summary>
    /// Opens a TCP connection to <paramref name="endpoint"/> (each of its addresses in turn) on a new
    /// thread named <paramref name="threadName"/>, which waits for it. <paramref name="spinLimit"/>:
    /// <see cref="ResponsesClientOptions.ReceiveSpinLimit"/>; <paramref name="sendBufferBytes"/>:
    /// <see cref="ResponsesClientOptions.WebSocketSendBufferBytes"/>.
    /// </summary>
    public static async Task<ConnectionThreadStream> ConnectAsync(DnsEndPoint endpoint, string threadName, TimeSpan spinLimit, int? sendBufferBytes, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        var stream = new ConnectionThreadStream(threadName, spinLimit);
        try
        {
            Exception? last = null;
            foreach (var address in addresses)
            {
                if (address.AddressFamily == AddressFamily.InterNetworkV6 && !Socket.OSSupportsIPv6)
                {
                    continue; // an AAAA record on a machine without IPv6: try the next address
                }

                Socket? socket = null;
                try
                {
                    socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
                    if (sendBufferBytes is { } size)
                    {
                        socket.SendBufferSize = size;
                    }

                    await stream.ConnectOneAsync(socket, new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
                    stream._socket = socket;
                    socket.Blocking = true; // NetworkStream takes only a blocking socket
                    stream._inner = new NetworkStream(socket, ownsSocket: true);
                    socket.Blocking = false;
                    return stream;
                }
                catch (SocketException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    socket?.Dispose();
                    last = ex;
                }
                catch
                {
                    socket?.Dispose();
                    throw;
                }
            }

            throw last ?? new SocketException((int)SocketError.HostNotFound);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="receiveLoop"/> on this stream's thread, after the handshake; the thread
    /// ends with it. From then on reads on that thread wait in place.
    /// </summary>
    public void StartReceiving(Action receiveLoop)
    {
        var last = () =>
        {
            try
            {
                Volatile.Write(ref _receiving, true);
                receiveLoop();
            }
            finally
            {
                Volatile.Write(ref _receiving, false);
                _jobs.CompleteAdding(); // the connection is over: so is the thread
            }
        };
        if (!TryPost(last))
        {
            receiveLoop(); // disposed meanwhile: the loop's first read fails at once and it ends the connection
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!InReceiveLoop)
        {
            // While the receive loop holds the thread, a wait posted to it would not run until the
            // loop ends; a read from elsewhere then (none today: a WebSocket reads only in its receive
            // call, but a runtime's keep-alive could read ahead) goes the runtime's way instead.
            return Volatile.Read(ref _receiving) ? _inner!.ReadAsync(buffer, cancellationToken) : ReadElsewhereAsync(buffer, cancellationToken);
        }

        try
        {
            return new ValueTask<int>(ReadOnReceiveThread(buffer.Span, cancellationToken));
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<int>(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (OnReceiveThread)
        {
            return ReadOnReceiveThread(buffer, CancellationToken.None);
        }

        var copy = new byte[buffer.Length];
        var read = ReadElsewhereAsync(copy, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        copy.AsSpan(0, read).CopyTo(buffer);
        return read;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            if (_disposed)
            {
                return ValueTask.FromException(new ObjectDisposedException(nameof(ConnectionThreadStream)));
            }

            Volatile.Write(ref _lastWriteAt, Stopwatch.GetTimestamp());
            var sent = _socket.Send(buffer.Span, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                UsedAsyncWrite = true;
                return _inner!.WriteAsync(buffer, cancellationToken);
            }

            if (error != SocketError.Success)
            {
                return ValueTask.FromException(Failed("write data to", error));
            }

            buffer = buffer[sent..];
        }

        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(ReadOnlySpan<byte> buffer) => WriteAsync(buffer.ToArray()).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (_socket is { } socket)
            {
                try
                {
                    // Wakes a thread waiting in poll on the socket (closing the descriptor alone would not).
                    socket.Shutdown(SocketShutdown.Both);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    // Never connected, already closed or reset: nothing waits on it.
                }
            }

            _inner?.Dispose();
            _jobs.CompleteAdding(); // the thread ends once it has finished what it is doing
            ConnectionThreadRescue.Unregister(this);
            DataReady(); // a read waiting behind a busy thread fails now (its TryReceive), not when the thread gets to it
        }

        base.Dispose(disposing);
    }

    private bool TryPost(Action job)
    {
        try
        {
            _jobs.Add(job);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // disposed
        }
    }

    private void RunJobs()
    {
        foreach (var job in _jobs.GetConsumingEnumerable())
        {
            job();
        }
    }

    /// <summary>Waits on this stream's thread until <paramref name="mode"/> holds for <paramref name="socket"/>.</summary>
    private async Task WaitAsync(Socket socket, SelectMode mode, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!TryPost(() =>
            {
                try
                {
                    while (!socket.Poll(PollInterval, mode) && !socket.Poll(TimeSpan.Zero, SelectMode.SelectError))
                    {
                        ObjectDisposedException.ThrowIf(_disposed, this);
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    done.TrySetResult();
                }
                catch (Exception ex)
                {
                    done.TrySetException(ex);
                }
            }))
        {
            done.TrySetException(new ObjectDisposedException(nameof(ConnectionThreadStream)));
        }

        // Cancelled at once, not at the job's next look (its poll ends when the caller closes the socket).
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ConnectOneAsync(Socket socket, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            socket.Connect(endpoint);
            return;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // Connecting: wait below.
        }

        await WaitAsync(socket, SelectMode.SelectWrite, cancellationToken).ConfigureAwait(false);
        if (socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) is int code and not 0)
        {
            throw new SocketException(code);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadElsewhereAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReceive(buffer.Span, out var read))
            {
                return read;
            }

            var waiter = _readable;
            if (waiter.CompletingElsewhere)
            {
                // The previous read's continuation still runs inside its completion, holding that
                // thread (a caller blocking on a request, say): arming this waiter would wait for it.
                waiter = new AsyncWaiter(runContinuationsAsynchronously: false);
                Volatile.Write(ref _readable, waiter);
            }

            var wait = waiter.Arm(cancellationToken);
            if (Interlocked.Exchange(ref _waitRequested, 1) == 0)
            {
                // Starts as soon as the connection's thread is back in its job loop; if code on that
                // thread holds it meanwhile, ConnectionThreadRescue waits elsewhere.
                Volatile.Write(ref _postedAt, Stopwatch.GetTimestamp());
                if (!TryPost(_waitForData))
                {
                    // Disposed, or the receive loop and with it the thread has ended: nothing will wait.
                    Volatile.Write(ref _waitRequested, 0);
                    waiter.TrySetResult(false);
                    await wait.ConfigureAwait(false);
                    throw new ObjectDisposedException(nameof(ConnectionThreadStream), "The connection's thread has ended.");
                }
            }

            await wait.ConfigureAwait(false);
        }
    }

    /// <summary>The connection's thread: waits until the socket has data (or is shut down), then resumes the waiting reader here.</summary>
    private void WaitForData()
    {
        if (Volatile.Read(ref _waitRequested) == 0)
        {
            return; // served meanwhile by a rescue
        }

        Volatile.Write(ref _postedAt, 0);
        try
        {
            WaitUntilReadable(forPostedWait: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Closed meanwhile: the reader's next TryReceive reports it.
        }

        DataReady();
    }

    /// <summary>Ends the wait for data, resuming its reader on the calling thread; once per wait, whoever gets there first.</summary>
    private void DataReady()
    {
        if (Interlocked.Exchange(ref _waitRequested, 0) == 1)
        {
            Volatile.Read(ref _readable).TrySetResult(true); // the waiter armed before the request was set
        }
    }

    private int ReadOnReceiveThread(Span<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReceive(buffer, out var read))
            {
                return read;
            }

            if (_receiving)
            {
                BeforeWait?.Invoke();
            }

            WaitUntilReadable(forPostedWait: false, cancellationToken);
        }
    }

    /// <summary>
    /// The connection's thread: returns when the socket is readable (data, or closed), spinning first
    /// when that pays (<see cref="AdaptiveSpin"/>), then sleeping in <c>poll</c>. A reader's posted wait
    /// (<paramref name="forPostedWait"/>) also ends when a rescue served it or the stream was disposed;
    /// the receive loop's throws then instead.
    /// </summary>
    private void WaitUntilReadable(bool forPostedWait, CancellationToken cancellationToken)
    {
        var until = _spin.Begin(Stopwatch.GetTimestamp(), Volatile.Read(ref _lastWriteAt), Volatile.Read(ref _lastDataAt));
        var spin = SpinOutcome.NotSpun;
        if (until != 0)
        {
            spin = SpinOutcome.Missed;
            do
            {
                Thread.Yield();
                if (_socket.Poll(0, SelectMode.SelectRead))
                {
                    spin = SpinOutcome.Caught;
                    break;
                }

                until = _spin.WroteWhileSpinning(Volatile.Read(ref _lastWriteAt), until);
                if (until == 0)
                {
                    spin = SpinOutcome.NotSpun; // now a wait for an answer, and those do not spin
                    break;
                }
            }
            while (!_disposed && (!forPostedWait || Volatile.Read(ref _waitRequested) == 1) && Stopwatch.GetTimestamp() < until);
        }

        if (spin != SpinOutcome.Caught)
        {
            if (forPostedWait)
            {
                while (!_disposed && Volatile.Read(ref _waitRequested) == 1 && !_socket.Poll(PollInterval, SelectMode.SelectRead))
                {
                }
            }
            else
            {
                while (!_socket.Poll(PollInterval, SelectMode.SelectRead))
                {
                    ObjectDisposedException.ThrowIf(_disposed, this);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }

        var wroteAt = Volatile.Read(ref _lastWriteAt); // before the end's timestamp: a write cannot seem to come after it
        _spin.End(wroteAt, Stopwatch.GetTimestamp(), spin);
    }

    /// <summary>
    /// ConnectionThreadRescue's timer: a wait for data that has not started for <paramref name="after"/>
    /// (the connection's thread is held by code it resumed) is handed to the runtime's socket engine.
    /// </summary>
    internal void RescueIfStuck(TimeSpan after)
    {
        var posted = Volatile.Read(ref _postedAt);
        if (posted != 0 && Stopwatch.GetElapsedTime(posted) >= after && Interlocked.CompareExchange(ref _postedAt, 0, posted) == posted)
        {
            _ = RescueAsync();
        }
    }

    /// <summary>
    /// Waits for data through the runtime's engine (a zero-byte receive: no thread held, however long
    /// an idle connection stays quiet), then resumes the reader there. The socket stays registered with
    /// the engine from then on: this connection then costs what any socket costs.
    /// </summary>
    private async Task RescueAsync()
    {
        Interlocked.Increment(ref _rescues);
        try
        {
            await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Closed meanwhile: the reader's next TryReceive reports it.
        }

        DataReady();
    }

    /// <summary>Worded as <see cref="NetworkStream"/> words it (<paramref name="what"/>: "read data from"), with the system's text for the error.</summary>
    private static IOException Failed(string what, SocketError error)
    {
        var cause = new SocketException((int)error);
        return new IOException($"Unable to {what} the transport connection: {cause.Message}.", cause);
    }

    /// <summary>Notes when data last came (see <see cref="WaitUntilReadable"/>); true.</summary>
    private bool DataRead()
    {
        Volatile.Write(ref _lastDataAt, Stopwatch.GetTimestamp());
        return true;
    }

    /// <summary>One non-blocking read: false when nothing is there yet.</summary>
    private bool TryReceive(Span<byte> buffer, out int read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        read = _socket.Receive(buffer, SocketFlags.None, out var error);
        return error switch
        {
            SocketError.Success => DataRead(),
            SocketError.WouldBlock => false,
            _ => throw Failed("read data from", error),
        };
    }
}
