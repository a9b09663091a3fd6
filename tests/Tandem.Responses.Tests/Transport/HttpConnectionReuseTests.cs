using System.Net.Sockets;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Server.Tests.Support;

namespace Tandem.Responses.Tests.Transport;

/// <summary>Streamed turns over HTTP reuse one pooled connection: each event stream is read to its end.</summary>
public sealed class HttpConnectionReuseTests
{
    [Fact]
    public async Task StreamAsync_SequentialTurns_ShareOneConnection()
    {
        await using var server = await TestServer.StartAsync();
        var connects = 0;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                Interlocked.Increment(ref connects);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        await using var client = Clients.Create(server, ResponsesTransportKind.HttpSse, o => o.HttpHandler = handler);

        for (var i = 0; i < 5; i++)
        {
            await foreach (var _ in client.StreamAsync(new ResponseCreateRequest { Model = "scenario/hello", Input = "hi" }, cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        }

        Assert.Equal(1, connects);
    }
}
