using System.Text.Json.Nodes;
using Tandem.Server.Tests.Support;
using static Tandem.Server.Tests.Sessions.WebSocketTestKit;

namespace Tandem.Server.Tests.Sessions;

/// <summary>
/// Named lanes (<c>stream_id</c>): FIFO within a lane, concurrent across lanes, forks share the
/// connection cache, and the per-connection limits on lanes and responses in flight.
/// Ordering is observed with a slow first token, never by measuring time.
/// </summary>
public sealed class WebSocketLaneTests
{
    private const int SlowFirstTokenMs = 500;

    public static TheoryData<string> InvalidStreamIds => ["bad id!", "", "lane/1", "émoji", new string('a', 257)];

    // Rule 10: stream_id must match ^[A-Za-z0-9_.-]{1,256}$.
    [Theory]
    [MemberData(nameof(InvalidStreamIds))]
    public async Task ResponseCreate_InvalidStreamId_ReturnsInvalidStreamId(string streamId)
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await server.ConnectAsync();
        await ws.CreateAsync(TextRequest("hi", streamId: streamId));

        AssertErrorEnvelope(await ws.ReceiveAsync(), "invalid_stream_id", "stream_id");

        // The longest valid id is fine, and the connection goes on.
        var longest = new string('a', 256);
        await ws.CreateAsync(TextRequest("hi", streamId: longest));
        var events = await ws.ReceiveResponseAsync();
        Completed(events);
        Assert.All(events, e => Assert.Equal(longest, (string?)e["stream_id"]));
    }

    // Rule 10: every event of a named lane's response carries its stream_id.
    [Fact]
    public async Task ResponseCreate_NamedLane_EveryEventCarriesStreamId()
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await server.ConnectAsync();
        await ws.CreateAsync(TextRequest("hi", streamId: "lane-A.1_x"));

        var events = await ws.ReceiveResponseAsync();

        Completed(events);
        Assert.True(events.Count > 5);
        Assert.All(events, e => Assert.Equal("lane-A.1_x", (string?)e["stream_id"]));
    }

    // Rule 10: the refusal of a request on a named lane carries that lane's stream_id too.
    [Fact]
    public async Task ResponseCreate_RefusedOnNamedLane_ErrorCarriesStreamId()
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await server.ConnectAsync();
        await ws.CreateAsync(TextRequest("hi", store: false, streamId: "lane-a", previousResponseId: "resp_unknown"));

        var error = await ws.ReceiveAsync();

        AssertErrorEnvelope(error, "previous_response_not_found", "previous_response_id");
        Assert.Equal("lane-a", (string?)error["stream_id"]);
    }

    // Rule 10: one lane runs its responses one at a time, in the order they were sent.
    [Fact]
    public async Task ResponseCreate_TwoOnOneLane_CompleteInFifoOrder()
    {
        using var profile = new SlowProfile(SlowFirstTokenMs);
        await using var server = await TestServer.StartAsync(o => o.Profile = profile.Path);
        await using var ws = await server.ConnectAsync();
        await ws.CreateAsync(TextRequest("first", streamId: "a"));
        await ws.CreateAsync(TextRequest("second", streamId: "a"));

        var events = await ReceiveTerminalsAsync(ws, 2);

        var lifecycle = events.Where(e => (string?)e["type"] is "response.created" or "response.completed").ToList();
        Assert.Equal(["response.created", "response.completed", "response.created", "response.completed"], lifecycle.Select(e => (string)e["type"]!));
        Assert.Equal(Id(lifecycle[0]["response"]!.AsObject()), Id(lifecycle[1]["response"]!.AsObject()));
        Assert.Equal("You said: \"first\"", OutputText(lifecycle[1]["response"]!.AsObject()));
        Assert.Equal("You said: \"second\"", OutputText(lifecycle[3]["response"]!.AsObject()));
    }

    // Rule 10: different lanes run at the same time: both start before either finishes.
    [Fact]
    public async Task ResponseCreate_TwoLanes_RunConcurrently()
    {
        using var profile = new SlowProfile(SlowFirstTokenMs);
        await using var server = await TestServer.StartAsync(o => o.Profile = profile.Path);
        await using var ws = await server.ConnectAsync();
        await ws.CreateAsync(TextRequest("on a", streamId: "a"));
        await ws.CreateAsync(TextRequest("on b", streamId: "b"));

        var events = await ReceiveTerminalsAsync(ws, 2);

        var lifecycle = events.Where(e => (string?)e["type"] is "response.created" or "response.completed").ToList();
        Assert.Equal(["response.created", "response.created", "response.completed", "response.completed"], lifecycle.Select(e => (string)e["type"]!));
        Assert.Equal(["a", "b"], lifecycle.Take(2).Select(e => (string)e["stream_id"]!).Order());
        Assert.Equal(["a", "b"], lifecycle.Skip(2).Select(e => (string)e["stream_id"]!).Order());
    }

    // Rule 10: a fork onto another lane (previous_response_id from lane a, sent on lane b) continues from the cache.
    [Fact]
    public async Task Continuation_ForkOntoAnotherLane_IsServedFromCache()
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await server.ConnectAsync();
        var parent = await CompleteAsync(ws, TextRequest("parent turn", store: false, streamId: "a"));

        await ws.CreateAsync(TextRequest("fork on b", store: false, streamId: "b", previousResponseId: Id(parent)));
        var forkEvents = await ws.ReceiveResponseAsync();

        var fork = Completed(forkEvents);
        Assert.All(forkEvents, e => Assert.Equal("b", (string?)e["stream_id"]));
        Assert.Equal(Id(parent), (string?)fork["previous_response_id"]);
        Assert.True(CachedTokens(fork) > 0, "the fork shares its parent from the connection cache");

        // The parent's own lane can still continue it too.
        var sibling = await CompleteAsync(ws, TextRequest("continue on a", store: false, streamId: "a", previousResponseId: Id(parent)));
        Assert.True(CachedTokens(sibling) > 0);
    }

    // Rule 11: a connection opens at most 32 named lanes; the 33rd is refused, existing lanes keep working.
    [Fact]
    public async Task ResponseCreate_33rdNamedLane_ReturnsStreamLimitReached()
    {
        await using var server = await TestServer.StartAsync();
        Assert.Equal(32, server.Options.MaxLanesPerConnection);
        await using var ws = await server.ConnectAsync();
        for (var i = 0; i < 32; i++)
        {
            await ws.CreateAsync(TextRequest($"lane {i}", streamId: $"lane-{i}"));
        }

        var opened = await ReceiveTerminalsAsync(ws, 32);
        Assert.Equal(32, opened.Count(e => (string?)e["type"] == "response.completed"));

        await ws.CreateAsync(TextRequest("one lane too many", streamId: "lane-32"));
        var refusal = await ws.ReceiveAsync();
        AssertErrorEnvelope(refusal, "websocket_stream_limit_reached", "stream_id");
        Assert.Equal("lane-32", (string?)refusal["stream_id"]);

        await ws.CreateAsync(TextRequest("reuse", streamId: "lane-7"));
        var reused = await ws.ReceiveResponseAsync();
        Assert.Equal("You said: \"reuse\"", OutputText(Completed(reused)));
        Assert.All(reused, e => Assert.Equal("lane-7", (string?)e["stream_id"]));

        // The default lane is not a named lane.
        Assert.Equal("You said: \"unnamed\"", OutputText(await CompleteAsync(ws, TextRequest("unnamed"))));
    }

    // Rule 12: at most MaxInFlightPerConnection responses run at once; the next lane waits for a completion.
    [Fact]
    public async Task ResponseCreate_MoreLanesThanInFlightLimit_ExtraLaneWaitsForACompletion()
    {
        using var profile = new SlowProfile(SlowFirstTokenMs);
        await using var server = await TestServer.StartAsync(o =>
        {
            o.Profile = profile.Path;
            o.MaxInFlightPerConnection = 2;
        });
        await using var ws = await server.ConnectAsync();
        foreach (var lane in new[] { "a", "b", "c" })
        {
            await ws.CreateAsync(TextRequest($"on {lane}", streamId: lane));
        }

        var events = await ReceiveTerminalsAsync(ws, 3);

        // Two start at once; the third starts only once a slot is free. (Whether the other running
        // one completes before or after the third starts is a race, so it is not asserted.)
        var types = events.Select(e => (string)e["type"]!).ToList();
        var firstCompleted = types.IndexOf("response.completed");
        Assert.Equal(2, types.Take(firstCompleted).Count(t => t == "response.created"));
        Assert.Equal(1, types.Skip(firstCompleted).Count(t => t == "response.created"));
        Assert.Equal(["a", "b", "c"], events.Where(e => (string?)e["type"] == "response.completed").Select(e => (string)e["stream_id"]!).Order());
    }
}
