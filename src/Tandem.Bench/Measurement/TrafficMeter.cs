using System.Net;
using System.Net.Sockets;

namespace Tandem.Bench.Measurement;

/// <summary>
/// Counts the bytes a client really puts on (and takes off) the wire — HTTP headers, SSE framing and
/// WebSocket frame headers included — by wrapping every connection its handler opens. Every client
/// of a run gets its own meter, so the figures compare like with like.
/// </summary>
public sealed class TrafficMeter : IDisposable
{
    private long _sent;
    private long _received;
    private long _connections;
    private readonly SocketsHttpHandler _handler;

    public TrafficMeter()
    {
        _handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = ConnectAsync,
        };
        Invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
    }

    /// <summary>The counting handler for HTTP clients (not owned by them: pass <c>disposeHandler: false</c>).</summary>
    public HttpMessageHandler Handler => _handler;

    /// <summary>The same handler as an invoker, for WebSocket handshakes.</summary>
    public HttpMessageInvoker Invoker { get; }

    public long BytesSent => Interlocked.Read(ref _sent);

    public long BytesReceived => Interlocked.Read(ref _received);

    /// <summary>Connections opened (a reconnect or a new HTTP connection shows here).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    public void Dispose()
    {
        Invoker.Dispose();
        _handler.Dispose();
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Interlocked.Increment(ref _connections);
        return new CountingStream(new NetworkStream(socket, ownsSocket: true), this);
    }

    internal void AddSent(int count) => Interlocked.Add(ref _sent, count);

    internal void AddReceived(int count) => Interlocked.Add(ref _received, count);
}
