using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Tandem.Responses.Chains;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Server.Tests.Support;

namespace Tandem.Responses.Tests.Chains;

/// <summary>
/// A chain heals itself: whatever the server loses between or during turns, the conversation
/// finishes with the same final output as an undisturbed run, and each heal is an event, not an error.
/// </summary>
public sealed class ResponseChainTests
{
    private const string Scenario = "scenario/weather-three-turn";
    private const string ExpectedFinal = "Done. The last tool said: 14:05";

    /// <summary>Plays the three-turn scenario; <paramref name="between"/> runs after each completed turn.</summary>
    private static async Task<(string Final, List<ResponseStreamEvent> Events)> RunAsync(ResponseChain chain, Func<int, Task>? between = null)
    {
        var events = new List<ResponseStreamEvent>();
        IEnumerable<ResponseItem> input = [MessageItem.User("What's the weather in Paris?")];
        for (var turn = 0; turn < 3; turn++)
        {
            await foreach (var evt in chain.SendAsync(input, TestContext.Current.CancellationToken))
            {
                events.Add(evt);
            }

            var calls = chain.LastResponse!.Output.OfType<FunctionCallItem>().ToList();
            input = calls.Select(c => (ResponseItem)FunctionCallOutputItem.Create(c.CallId, c.Name == "get_time" ? "14:05" : "sunny in " + JsonDocument.Parse(c.Arguments).RootElement.GetProperty("city").GetString())).ToList();
            if (between is not null && turn < 2)
            {
                await between(turn);
            }
        }

        return (chain.LastResponse!.GetOutputText(), events);
    }

    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task SendAsync_UndisturbedChain_SendsOnlyNewItemsAndKeepsTheFullLog(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);
        var chain = client.CreateChain(new ResponseCreateRequest { Model = Scenario, Instructions = "Be brief." });

        var (final, events) = await RunAsync(chain);

        Assert.Equal(ExpectedFinal, final);
        Assert.Equal(0, chain.Replays);
        Assert.DoesNotContain(events, e => e is ChainReplayedEvent);
        // user, [reasoning, commentary, call], 1 output, [2 calls], 2 outputs, [final message]
        Assert.Equal(10, chain.Items.Count);
        Assert.Equal("commentary", chain.Items.OfType<MessageItem>().First(m => m.Role == "assistant").Phase);
        Assert.StartsWith("tdm_", chain.Items.OfType<ReasoningItem>().Single().EncryptedContent, StringComparison.Ordinal);
        // Instructions are resent every turn (they are not inherited through previous_response_id).
        Assert.Equal("Be brief.", chain.LastResponse!.Instructions);
        Assert.NotNull(chain.LastResponse.PreviousResponseId);
        if (transport == ResponsesTransportKind.WebSocket)
        {
            Assert.True(chain.LastResponse.Usage!.InputTokensDetails.CachedTokens > 0, "continuations hit the connection cache");
        }
    }

    [Fact]
    public async Task SendAsync_ConnectionDroppedBetweenTurnsWithStoreFalse_ReplaysAndFinishesTheSame()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket);
        var chain = client.CreateChain(new ResponseCreateRequest { Model = Scenario, Store = false });

        var (final, events) = await RunAsync(chain, async _ =>
        {
            Assert.Equal(1, server.Host.DropWebSocketConnections());
            await Task.Delay(50, TestContext.Current.CancellationToken); // let the client see the loss, as it would between real turns
        });

        Assert.Equal(ExpectedFinal, final);
        Assert.Equal(2, chain.Replays);
        Assert.Equal(2, events.OfType<ChainReplayedEvent>().Count());
        Assert.Equal(2, client.Reconnects);
    }

    [Fact]
    public async Task SendAsync_ConnectionDroppedRightBeforeATurnIsNoticed_StillHeals()
    {
        // The drop races the next send: the client may only learn of it when sending, or from the
        // server's previous_response_not_found on the new connection. Either way the turn completes.
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket);
        var chain = client.CreateChain(new ResponseCreateRequest { Model = Scenario, Store = false });

        var (final, _) = await RunAsync(chain, _ =>
        {
            server.Host.DropWebSocketConnections();
            return Task.CompletedTask;
        });

        Assert.Equal(ExpectedFinal, final);
        Assert.Equal(2, chain.Replays);
    }

    [Fact]
    public async Task SendAsync_ConnectionDroppedMidTurnBeforeOutput_RetriesAndFinishesTheSame()
    {
        var profile = Path.Combine(Path.GetTempPath(), $"tandem-slow-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(profile, """{"name":"slow-first-token","time_to_first_token_ms":400}""", TestContext.Current.CancellationToken);
        try
        {
            await using var server = await TestServer.StartAsync(o => o.Profile = profile);
            await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket);
            var chain = client.CreateChain(new ResponseCreateRequest { Model = Scenario, Store = false });
            var dropped = 0;
            var events = new List<ResponseStreamEvent>();
            IEnumerable<ResponseItem> input = [MessageItem.User("What's the weather in Paris?")];
            for (var turn = 0; turn < 3; turn++)
            {
                await foreach (var evt in chain.SendAsync(input, TestContext.Current.CancellationToken))
                {
                    events.Add(evt);
                    if (turn == 1 && evt.Type == ResponseEventTypes.InProgress && dropped == 0)
                    {
                        dropped = server.Host.DropWebSocketConnections(); // the model is still "thinking"
                    }
                }

                var calls = chain.LastResponse!.Output.OfType<FunctionCallItem>().ToList();
                input = calls.Select(c => (ResponseItem)FunctionCallOutputItem.Create(c.CallId, c.Name == "get_time" ? "14:05" : "sunny")).ToList();
            }

            Assert.Equal(1, dropped);
            Assert.Equal(ExpectedFinal, chain.LastResponse!.GetOutputText());
            Assert.Equal(1, chain.Replays);
            Assert.DoesNotContain(events, e => e is TurnRestartedEvent); // nothing had been streamed: a plain retry
        }
        finally
        {
            File.Delete(profile);
        }
    }

    [Fact]
    public async Task SendAsync_ServerRestartedLosingItsStore_ReplaysOverHttpAndFinishesTheSame()
    {
        var server = await TestServer.StartAsync();
        var port = server.BaseAddress.Port;
        try
        {
            await using var client = Clients.Create(server, ResponsesTransportKind.HttpSse);
            var chain = client.CreateChain(new ResponseCreateRequest { Model = Scenario });

            var (final, events) = await RunAsync(chain, async turn =>
            {
                if (turn == 0)
                {
                    await server.DisposeAsync();
                    server = await TestServer.StartAsync(o =>
                    {
                        o.Urls.Clear();
                        o.Urls.Add($"http://127.0.0.1:{port}");
                    });
                }
            });

            Assert.Equal(ExpectedFinal, final);
            Assert.Equal(1, chain.Replays);
            Assert.Equal("previous_response_not_found", events.OfType<ChainReplayedEvent>().Single().Reason);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task SendAsync_PreviousResponseDeleted_ReplaysAndFinishesTheSame(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);
        var chain = client.CreateChain(new ResponseCreateRequest { Model = Scenario });

        var (final, _) = await RunAsync(chain, async turn =>
        {
            if (turn == 0)
            {
                await client.DeleteAsync(chain.LastResponseId!, TestContext.Current.CancellationToken);
                if (transport == ResponsesTransportKind.WebSocket)
                {
                    // Over WebSocket the connection cache still holds it; drop the connection too, so
                    // the only copy left was the (deleted) stored one.
                    server.Host.DropWebSocketConnections();
                    await Task.Delay(50, TestContext.Current.CancellationToken);
                }
            }
        });

        Assert.Equal(ExpectedFinal, final);
        Assert.Equal(1, chain.Replays);
    }

    [Fact]
    public async Task SendAsync_ConnectionReachesRotationAge_RotatesBetweenTurnsAndReplaysStoreFalseChain()
    {
        await using var server = await TestServer.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket, o => o.TimeProvider = time);
        var chain = client.CreateChain(new ResponseCreateRequest { Model = Scenario, Store = false });

        var (final, events) = await RunAsync(chain, turn =>
        {
            if (turn == 0)
            {
                time.Advance(TimeSpan.FromMinutes(56)); // past the 55-minute rotation point
            }

            return Task.CompletedTask;
        });

        Assert.Equal(ExpectedFinal, final);
        Assert.Equal(1, client.Rotations);
        Assert.Equal(0, client.Reconnects);
        Assert.Equal("connection_changed", events.OfType<ChainReplayedEvent>().Single().Reason);
    }

    [Fact]
    public async Task SendAsync_StoreTrueChainAfterRotation_ContinuesWithoutReplay()
    {
        await using var server = await TestServer.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket, o => o.TimeProvider = time);
        var chain = client.CreateChain(new ResponseCreateRequest { Model = Scenario });

        var (final, _) = await RunAsync(chain, turn =>
        {
            time.Advance(TimeSpan.FromMinutes(56));
            return Task.CompletedTask;
        });

        // With store:true the server can load the stored response: no resend of the history needed.
        Assert.Equal(ExpectedFinal, final);
        Assert.Equal(2, client.Rotations);
        Assert.Equal(0, chain.Replays);
    }

    [Fact]
    public async Task Fork_OntoAnotherLane_BothContinueFromTheSameResponse()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket, o => o.MultiLane = true);
        var main = client.CreateChain(new ResponseCreateRequest { Model = "tandem-default", Store = false }, lane: "main");

        var first = await main.SendAndWaitAsync([MessageItem.User("Hello there")], TestContext.Current.CancellationToken);
        var fork = main.Fork("side");

        // The connection keeps each lane's latest response, so the fork goes first: after it, lane
        // "main" still holds the parent for the original chain.
        var b = await fork.SendAndWaitAsync([MessageItem.User("Question B")], TestContext.Current.CancellationToken);
        var a = await main.SendAndWaitAsync([MessageItem.User("Question A")], TestContext.Current.CancellationToken);

        Assert.Equal(first.Id, a.PreviousResponseId);
        Assert.Equal(first.Id, b.PreviousResponseId);
        Assert.Contains("Question A", a.GetOutputText(), StringComparison.Ordinal);
        Assert.Contains("Question B", b.GetOutputText(), StringComparison.Ordinal);
        Assert.True(b.Usage!.InputTokensDetails.CachedTokens > 0, "the fork is served from the parent's cache on the other lane");
        Assert.True(a.Usage!.InputTokensDetails.CachedTokens > 0, "the original lane still holds the parent");
        Assert.Equal(0, main.Replays + fork.Replays);
        Assert.Equal(4, main.Items.Count);
        Assert.Equal(4, fork.Items.Count);
    }

    [Fact]
    public void CreateChain_TemplateWithInput_IsRefusedWithAClearMessage()
    {
        var options = new ResponsesClientOptions { BaseUrl = new Uri("http://127.0.0.1:1/v1/") };
        options.ApiKeys.Add("k");
        var client = new ResponsesClient(options);

        var ex = Assert.Throws<ArgumentException>(() => client.CreateChain(new ResponseCreateRequest { Model = "m", Input = "x" }));

        Assert.Contains("SendAsync", ex.Message, StringComparison.Ordinal);
    }
}
