using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Server.Tests.Support;

namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// Over WebSocket a lane's event buffer serves its next response when the last one was read to its
/// end: each response must still get exactly its own events, after clean turns, after a turn its
/// caller left early, after a lost connection, and with lanes side by side.
/// </summary>
public sealed class LaneBufferReuseTests
{
    [Fact]
    public async Task StreamAsync_ConsecutiveTurnsOnALane_EachGetExactlyItsOwnEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket);

        var ids = new HashSet<string>();
        for (var turn = 0; turn < 6; turn++)
        {
            var events = await CollectAsync(client, null, ct);

            AssertWholeResponse(events);
            Assert.True(ids.Add(Assert.IsType<ResponseLifecycleEvent>(events[^1]).Response.Id));
        }
    }

    [Fact]
    public async Task StreamAsync_AfterATurnLeftEarly_TheNextTurnGetsOnlyItsOwnEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket);

        for (var turn = 0; turn < 4; turn++)
        {
            string? leftId = null;
            await foreach (var evt in client.StreamAsync(Request(), cancellationToken: ct))
            {
                leftId ??= Assert.IsType<ResponseLifecycleEvent>(evt).Response.Id;
                if (evt.SequenceNumber >= turn)
                {
                    break;
                }
            }

            var events = await CollectAsync(client, null, ct);

            AssertWholeResponse(events);
            Assert.NotEqual(leftId, Assert.IsType<ResponseLifecycleEvent>(events[0]).Response.Id);
        }
    }

    [Fact]
    public async Task StreamAsync_AfterTheConnectionIsLost_TheNextTurnsAreWhole()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket);
        AssertWholeResponse(await CollectAsync(client, null, ct));

        // Between turns.
        Assert.Equal(1, server.Host.DropWebSocketConnections());
        for (var turn = 0; turn < 2; turn++)
        {
            AssertWholeResponse(await CollectAsync(client, null, ct));
        }

        // In the middle of one (before any output: the client starts the turn again, or reports the loss).
        var dropped = 0;
        try
        {
            await foreach (var evt in client.StreamAsync(Request(), cancellationToken: ct))
            {
                if (evt.Type == ResponseEventTypes.InProgress && dropped == 0)
                {
                    dropped = server.Host.DropWebSocketConnections();
                }
            }
        }
        catch (ResponsesException)
        {
        }

        Assert.Equal(1, dropped);
        for (var turn = 0; turn < 2; turn++)
        {
            AssertWholeResponse(await CollectAsync(client, null, ct));
        }
    }

    [Fact]
    public async Task StreamAsync_LanesSideBySide_EachGetExactlyItsOwnEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket, o => o.MultiLane = true);

        for (var round = 0; round < 3; round++)
        {
            var turns = await Task.WhenAll(Enumerable.Range(0, 4).Select(lane => CollectAsync(client, $"lane-{lane}", ct)));

            Assert.All(turns, AssertWholeResponse);
            Assert.Equal(turns.Length, turns.Select(t => Assert.IsType<ResponseLifecycleEvent>(t[^1]).Response.Id).Distinct().Count());
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StreamAsync_LeftEarlyWhileTheTerminalEventWaitsForRoom_OtherLanesGoOn(bool deliverInline)
    {
        // The receive loop has the terminal event but the lane's buffer is full; the caller leaves.
        // Nothing reads that buffer again, so it must not keep the socket's reader waiting for room.
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync();
        int perTurn;
        await using (var probe = Clients.Create(server, ResponsesTransportKind.WebSocket))
        {
            perTurn = (await CollectAsync(probe, null, ct)).Count;
        }

        var room = perTurn - 2;
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket, o =>
        {
            o.MultiLane = true;
            o.LaneEventBuffer = room;
            o.DeliverEventsInline = deliverInline;
        });
        await using (var events = client.StreamAsync(Request(), new ResponseCallOptions { Lane = "a" }, ct).GetAsyncEnumerator(ct))
        {
            Assert.True(await events.MoveNextAsync()); // one read, `room` buffered, the terminal event waits
            for (var i = 0; i < 250 && client.BufferedEvents("a") < room; i++)
            {
                await Task.Delay(20, ct);
            }

            Assert.Equal(room, client.BufferedEvents("a"));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30)); // a wedged connection would never answer
        AssertWholeResponse(await CollectAsync(client, "b", timeout.Token));
    }

    private static ResponseCreateRequest Request() => new() { Model = "scenario/hello", Input = "Hi!", Store = false };

    private static async Task<List<ResponseStreamEvent>> CollectAsync(ResponsesClient client, string? lane, CancellationToken ct)
    {
        var events = new List<ResponseStreamEvent>();
        await foreach (var evt in client.StreamAsync(Request(), new ResponseCallOptions { Lane = lane }, ct))
        {
            events.Add(evt);
        }

        return events;
    }

    /// <summary>One response, created to completed, numbered without a gap, all of one response id.</summary>
    private static void AssertWholeResponse(List<ResponseStreamEvent> events)
    {
        Assert.Equal(ResponseEventTypes.Created, events[0].Type);
        Assert.Equal(ResponseEventTypes.Completed, events[^1].Type);
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.SequenceNumber ?? -1));
        var id = ((ResponseLifecycleEvent)events[0]).Response.Id;
        Assert.Equal(id, ((ResponseLifecycleEvent)events[^1]).Response.Id);
    }
}
