using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Tandem.Responses.Transport;

/// <summary>
/// The TCP stream under a WebSocket connection, with a thread of its own that does all its waiting
/// in the kernel (<c>poll</c>): for the connection to open, for the handshake's replies, and then,
/// as the connection's receive thread, for every frame (<see cref="StartReceiving"/>).
/// </summary>
/// <remarks>
/// <para>
/// Why: the runtime's asynchronous sockets wait through an event-loop thread that wakes a thread-pool
/// worker for every burst of packets, and the idle workers spin while they wait for work. On a turn
/// of a few dozen small frames that costs more CPU than reading and parsing them (measured: ~1.5× the
/// process CPU of a turn, docs/performance.md). A socket that has once been through that engine stays
/// registered with it, and every packet wakes it whoever reads; so this socket never is: it connects
/// non-blocking and is waited for with <c>poll</c>, and reads and writes are non-blocking calls.
/// </para>
/// <para>
/// On the receive thread a read that finds nothing calls <see cref="BeforeWait"/> (the connection
/// wakes the readers of what it has received), then waits in <c>poll</c>; the kernel wakes the thread
/// directly when data comes. A read on any other thread (the handshake, made by the HTTP stack on its
/// threads) asks the receive thread to wait for it and awaits that. A write that would block (the
/// kernel's send buffer is full: a large request on a slow link) sends the rest through the runtime's
/// asynchronous path; the connection then costs what any socket costs, and stays correct.
/// </para>
/// </remarks>
internal sealed class ReceiveThreadStream : Stream
{
    /// <summary>A waiting thread looks at the stream again at least this often (shutting the socket down wakes it at once).</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly BlockingCollection<Action> _jobs = [];
    private readonly Thread _thread;
    private Socket _socket = null!;
    private NetworkStream? _inner;
    private volatile bool _disposed;

    private ReceiveThreadStream(string name)
    {
        _thread = new Thread(static state => ((ReceiveThreadStream)state!).RunJobs())
        {
            IsBackground = true,
            Name = name,
        };
        _thread.UnsafeStart(this); // the caller's async locals stay with the caller
    }

    /// <summary>Called on the receive thread when a read finds no data and is about to wait for some.</summary>
    public Action? BeforeWait { get; set; }

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

    /// <summary>
    /// Opens a TCP connection to <paramref name="endpoint"/> (each of its addresses in turn) on a new
    /// thread named <paramref name="threadName"/>, which waits for it. <paramref name="sendBufferBytes"/>:
    /// <see cref="ResponsesClientOptions.WebSocketSendBufferBytes"/>.
    /// </summary>
    public static async Task<ReceiveThreadStream> ConnectAsync(DnsEndPoint endpoint, string threadName, int? sendBufferBytes, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        var stream = new ReceiveThreadStream(threadName);
        try
        {
            Exception? last = null;
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
                if (sendBufferBytes is { } size)
                {
                    socket.SendBufferSize = size;
                }

                try
                {
                    await stream.ConnectOneAsync(socket, new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
                    stream._socket = socket;
                    socket.Blocking = true; // NetworkStream takes only a blocking socket
                    stream._inner = new NetworkStream(socket, ownsSocket: true);
                    socket.Blocking = false;
                    return stream;
                }
                catch (SocketException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    socket.Dispose();
                    last = ex;
                }
                catch
                {
                    socket.Dispose();
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
                receiveLoop();
            }
            finally
            {
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
        if (!OnReceiveThread)
        {
            return ReadElsewhereAsync(buffer, cancellationToken);
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
                return ValueTask.FromException(new ObjectDisposedException(nameof(ReceiveThreadStream)));
            }

            var sent = _socket.Send(buffer.Span, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                UsedAsyncWrite = true;
                return _inner!.WriteAsync(buffer, cancellationToken);
            }

            if (error != SocketError.Success)
            {
                return ValueTask.FromException(new IOException($"Unable to write data to the transport connection: {error}.", new SocketException((int)error)));
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
    private Task WaitAsync(Socket socket, SelectMode mode, CancellationToken cancellationToken)
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
            done.TrySetException(new ObjectDisposedException(nameof(ReceiveThreadStream)));
        }

        return done.Task;
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

    private async ValueTask<int> ReadElsewhereAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReceive(buffer.Span, out var read))
            {
                return read;
            }

            await WaitAsync(_socket, SelectMode.SelectRead, cancellationToken).ConfigureAwait(false);
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

            BeforeWait?.Invoke();
            while (!_socket.Poll(PollInterval, SelectMode.SelectRead))
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>One non-blocking read: false when nothing is there yet.</summary>
    private bool TryReceive(Span<byte> buffer, out int read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        read = _socket.Receive(buffer, SocketFlags.None, out var error);
        return error switch
        {
            SocketError.Success => true,
            SocketError.WouldBlock => false,
            _ => throw new IOException($"Unable to read data from the transport connection: {error}.", new SocketException((int)error)),
        };
    }
}
