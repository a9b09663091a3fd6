using System.Text;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Server.Operations;
using Tandem.Server.Tests.Support;

namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// A connection's own thread (<c>ConnectionThreadStream</c>): over WebSocket it receives, wakes the
/// lanes' readers, answers the socket's control frames while idle, ends with the connection, and a
/// request too large for the kernel's send buffer still goes out whole; over HTTP the response's
/// reader is resumed on it, and a pooled connection keeps its thread from turn to turn.
/// </summary>
public sealed class ConnectionThreadStreamTests
{
    private const string ThreadName = "Tandem WebSocket";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StreamAsync_EventsThatCameAfterAWait_ResumeTheConsumerOnTheConnectionsThreadOnlyWhenDeliveredInline(bool inline)
    {
        var ct = TestContext.Current.CancellationToken;

        // The first token comes 50 ms after the request: the consumer has surely been waiting for it.
        await using var server = await TestServer.StartAsync(o => o.LatencyProfile = new LatencyProfile { Name = "ttft", TimeToFirstTokenMs = 50 });
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket, o => o.DeliverEventsInline = inline);

        var (deltaThread, text) = await StreamHelloAsync(client, ct);

        Assert.NotNull(deltaThread);
        Assert.StartsWith("Hello from Tandem!", text, StringComparison.Ordinal);
        if (inline)
        {
            Assert.Equal(ThreadName, deltaThread.Name);
            Assert.False(deltaThread.IsThreadPoolThread);
            Assert.Same(client.WebSocketThread, deltaThread);
        }
        else
        {
            Assert.True(deltaThread.IsThreadPoolThread, $"resumed on '{deltaThread.Name}'");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheSpinLimit_ReachesTheWebSocketConnection(bool spin)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket, o => o.ReceiveSpinLimit = spin ? TimeSpan.FromMilliseconds(10) : TimeSpan.Zero);

        for (var turn = 0; turn < 5; turn++)
        {
            await StreamHelloAsync(client, ct);
        }

        if (spin)
        {
            Assert.True(client.WebSocketSpins > 0, "no wait spun: the local server answers well within 10 ms");
        }
        else
        {
            Assert.Equal(0, client.WebSocketSpins);
        }
    }

    [Fact]
    public async Task StreamAsync_OverHttp_ResumesTheConsumerOnTheConnectionsThread_AndReusesTheConnection()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync(o => o.LatencyProfile = new LatencyProfile { Name = "ttft", TimeToFirstTokenMs = 50 });
        await using var client = Clients.Create(server, ResponsesTransportKind.HttpSse);

        var threads = new List<Thread>();
        for (var turn = 0; turn < 2; turn++)
        {
            var (deltaThread, _) = await StreamHelloAsync(client, ct);

            Assert.NotNull(deltaThread);
            Assert.Equal("Tandem HTTP", deltaThread.Name);
            Assert.False(deltaThread.IsThreadPoolThread);
            threads.Add(deltaThread);
        }

        Assert.Same(threads[0], threads[1]); // one pooled connection, one thread, both turns
    }

    [Fact]
    public async Task OnAnHttpConnectionsThread_BlockingOnTheNextRequest_DoesNotDeadlock()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync(o => o.LatencyProfile = new LatencyProfile { Name = "ttft", TimeToFirstTokenMs = 20 });
        await using var client = Clients.Create(server, ResponsesTransportKind.HttpSse);

        // A caller resumed on the connection's thread that then blocks it (sync over async) on a
        // request the pool gives the same, now idle connection: the answer is waited for on the
        // blocked thread unless the wait is run elsewhere (ConnectionThreadRescue).
        var work = Task.Run(async () =>
        {
            await foreach (var evt in client.StreamAsync(new ResponseCreateRequest { Model = "scenario/hello", Input = "Hi!" }, cancellationToken: ct).ConfigureAwait(false))
            {
                _ = evt;
            }

            var thread = Thread.CurrentThread.Name;
#pragma warning disable xUnit1031 // the blocking call is what this test is about
            var response = client.CreateAsync(new ResponseCreateRequest { Model = "scenario/hello", Input = "Hi again!" }, ct).GetAwaiter().GetResult();
#pragma warning restore xUnit1031
            return (thread, response.Status);
        }, ct);

        var (resumedOn, status) = await work.WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal("Tandem HTTP", resumedOn); // the case in question was reached
        Assert.Equal(ResponseStatus.Completed, status);
    }

    [Fact]
    public async Task WithAWebSocketInvokerOfTheCallers_TheReceiveLoopStillHasItsOwnThread()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync(o => o.LatencyProfile = new LatencyProfile { Name = "ttft", TimeToFirstTokenMs = 20 });
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket, o => o.WebSocketInvoker = invoker);

        for (var turn = 0; turn < 2; turn++)
        {
            var (deltaThread, text) = await StreamHelloAsync(client, ct);

            Assert.StartsWith("Hello from Tandem!", text, StringComparison.Ordinal);
            Assert.Equal(ThreadName, deltaThread?.Name); // the loop's thread, waiting through the runtime's sockets
            Assert.False(deltaThread!.IsThreadPoolThread);
        }

        Assert.Null(client.WebSocketThread); // the stream is the invoker's, not the transport's own
        Assert.Equal(0, client.Reconnects);
    }

    [Fact]
    public async Task DisposeAsync_AnIdleConnection_EndsItsThread()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync();
        var client = Clients.Create(server, ResponsesTransportKind.WebSocket);
        await client.CreateAsync(new ResponseCreateRequest { Model = "scenario/hello", Input = "Hi!" }, ct);
        var thread = client.WebSocketThread;
        Assert.NotNull(thread);
        Assert.True(thread.IsAlive);

        await client.DisposeAsync();

        Assert.True(await EndsWithinAsync(thread, ct), "the connection's thread is still running after the client was disposed");
    }

    [Fact]
    public async Task DisposeAsync_AfterHttpTurns_EndsThePooledConnectionsThread()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync(o => o.LatencyProfile = new LatencyProfile { Name = "ttft", TimeToFirstTokenMs = 20 });
        var client = Clients.Create(server, ResponsesTransportKind.HttpSse);
        var (thread, _) = await StreamHelloAsync(client, ct);

        Assert.NotNull(thread);
        Assert.Equal("Tandem HTTP", thread.Name);

        await client.DisposeAsync();

        Assert.True(await EndsWithinAsync(thread, ct), "the pooled HTTP connection's thread is still running after the client was disposed");
    }

    [Fact]
    public async Task TheServerDropsTheConnection_TheThreadEndsAndTheNextTurnHasANewOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket);
        await client.CreateAsync(new ResponseCreateRequest { Model = "scenario/hello", Input = "Hi!" }, ct);
        var first = client.WebSocketThread;
        Assert.NotNull(first);

        Assert.Equal(1, server.Host.DropWebSocketConnections());

        // The thread was waiting in poll for the next frame: the reset must wake it, not a timeout.
        Assert.True(await EndsWithinAsync(first, ct), "the connection's thread did not notice the dropped connection");
        var response = await client.CreateAsync(new ResponseCreateRequest { Model = "scenario/hello", Input = "Hi again!" }, ct);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        var second = client.WebSocketThread;
        Assert.NotNull(second);
        Assert.NotSame(first, second);
        Assert.True(second.IsAlive);
    }

    [Fact]
    public async Task AnIdleConnection_AnswersKeepAlivePingsOnItsThread_AndIsNotAborted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync();

        // Pings every 100 ms, each to be answered within 300 ms: an idle connection whose pongs were
        // not read would be aborted well within the second it stays idle here.
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket, o =>
        {
            o.KeepAliveInterval = TimeSpan.FromMilliseconds(100);
            o.KeepAliveTimeout = TimeSpan.FromMilliseconds(300);
        });
        await client.CreateAsync(new ResponseCreateRequest { Model = "scenario/hello", Input = "Hi!" }, ct);
        var generation = client.ConnectionGeneration;
        var thread = client.WebSocketThread;

        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);

        Assert.True(thread?.IsAlive, "the connection ended while idle");
        var response = await client.CreateAsync(new ResponseCreateRequest { Model = "scenario/hello", Input = "Still there?" }, ct);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal(generation, client.ConnectionGeneration);
        Assert.Equal(0, client.Reconnects);
    }

    [Fact]
    public async Task ARequestLargerThanTheKernelsSendBuffer_GoesOutWhole_AndTheConnectionCarriesOn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync();

        // A 4 KB send buffer (the kernel doubles it) against a ~300 KB message: the non-blocking send
        // fills it at once, and the rest must go the asynchronous way.
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket, o => o.WebSocketSendBufferBytes = 4096);
        var big = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"line {i:D5} "));

        var response = await client.CreateAsync(new ResponseCreateRequest { Model = "scenario/hello", Input = big, Store = true }, ct);

        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.True(client.WebSocketUsedAsyncWrite, "the request fitted the send buffer: the test did not reach the asynchronous write");
        var input = Assert.Single(await client.ListInputItemsAsync(response.Id, cancellationToken: ct).ToListAsync(ct));
        Assert.Equal(big, Assert.IsType<MessageItem>(input).Content.GetText()); // the server read every byte, in order

        // The socket now belongs to the runtime's event loop as well; the thread still receives.
        var next = await client.CreateAsync(new ResponseCreateRequest { Model = "scenario/hello", Input = "And a small one." }, ct);
        Assert.Equal(ResponseStatus.Completed, next.Status);
        Assert.Equal(0, client.Reconnects);
    }

    /// <summary>
    /// Waits up to 10 s for <paramref name="thread"/> to end, without blocking a thread (Join would
    /// hold the test's own, which the server's side of the connection may need meanwhile).
    /// </summary>
    private static async Task<bool> EndsWithinAsync(Thread thread, CancellationToken cancellationToken)
    {
        for (var waited = 0; waited < 10_000 && thread.IsAlive; waited += 20)
        {
            await Task.Delay(20, cancellationToken);
        }

        return !thread.IsAlive;
    }

    /// <summary>
    /// Streams one <c>scenario/hello</c> turn, continuing wherever each event resumes the consumer,
    /// and returns the thread the first text delta was read on, and the text.
    /// </summary>
    private static async Task<(Thread? DeltaThread, string Text)> StreamHelloAsync(ResponsesClient client, CancellationToken cancellationToken)
    {
        Thread? deltaThread = null;
        var text = new StringBuilder();
        await foreach (var evt in client.StreamAsync(new ResponseCreateRequest { Model = "scenario/hello", Input = "Hi!" }, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (evt is OutputTextDeltaEvent delta)
            {
                deltaThread ??= Thread.CurrentThread;
                text.Append(delta.Delta);
            }
        }

        return (deltaThread, text.ToString());
    }
}
