using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Tandem.Agents.Durability;
using Tandem.Agents.Execution;
using Tandem.Agents.Tests.Support;
using Tandem.Agents.Tools;
using Tandem.Responses;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Server.Tests.Support;

namespace Tandem.Agents.Tests.Execution;

/// <summary>The turn loop against the real local server.</summary>
public sealed class AgentRunnerTests
{
    private static ToolRegistry WeatherTools(ConcurrentQueue<string>? log = null) => new ToolRegistry()
        .Add(FunctionTool.Create((string city) =>
        {
            log?.Enqueue("start:get_weather:" + city);
            return $"sunny in {city}";
        }, "get_weather", "Current weather for a city."))
        .Add(FunctionTool.Create((string city) =>
        {
            log?.Enqueue("start:get_time:" + city);
            return "14:05";
        }, "get_time", "Local time in a city."));

    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task RunToEndAsync_ThreeTurnScenario_RunsEveryCallAndFinishesWithTheAnswer(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);
        await using var dispatcher = new ToolDispatcher(WeatherTools(), store: new InMemoryIdempotencyStore());
        var runner = new AgentRunner(client, WeatherTools(), dispatcher);

        var result = await runner.RunToEndAsync(new AgentRunOptions { Model = "scenario/weather-three-turn" }, [MessageItem.User("Weather in Paris?")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AgentRunStatus.Completed, result.Status);
        Assert.Equal("Done. The last tool said: 14:05", result.Output);
        Assert.Equal(3, result.ToolCalls);
        Assert.Equal([1, 2, 0], result.Turns.Select(t => t.ToolCalls));
        Assert.True(result.InputTokens > 0 && result.OutputTokens > 0);
        if (transport == ResponsesTransportKind.WebSocket)
        {
            Assert.True(result.CachedTokens > 0);
        }
    }

    [Fact]
    public async Task RunAsync_CallsStreamedWithGaps_FirstToolStartsBeforeTheResponseCompletes()
    {
        // Three calls in one response; a slow decode rate puts ~0.3 s of streaming between them.
        using var scenarios = new ScenarioFiles().Add("three-calls", new JsonArray(
            ScenarioFiles.Call("get_weather", new JsonObject { ["city"] = "Paris, the capital of France, on the river Seine" }),
            ScenarioFiles.Call("get_weather", new JsonObject { ["city"] = "Lyon, in the Auvergne-Rhône-Alpes region of France" }),
            ScenarioFiles.Call("get_weather", new JsonObject { ["city"] = "Marseille, the port city on the Mediterranean coast" })));
        using var profile = new ProfileFile("""{"name":"slow-decode","decode_tokens_per_second":60}""");
        await using var server = await TestServer.StartAsync(o =>
        {
            o.ScenarioDirectory = scenarios.Path;
            o.Profile = profile.Path;
        });
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket);
        var log = new ConcurrentQueue<string>();
        var tools = WeatherTools(log);
        await using var dispatcher = new ToolDispatcher(tools);
        var runner = new AgentRunner(client, tools, dispatcher);

        await foreach (var evt in runner.RunAsync(new AgentRunOptions { Model = "scenario/three-calls" }, [MessageItem.User("go")], cancellationToken: TestContext.Current.CancellationToken))
        {
            if (evt is TurnCompletedEvent { Turn: 1 })
            {
                log.Enqueue("response-completed");
            }
        }

        var order = log.ToList();
        var completedAt = order.IndexOf("response-completed");
        var firstStart = order.FindIndex(e => e.StartsWith("start:get_weather:Paris", StringComparison.Ordinal));
        Assert.True(firstStart >= 0 && firstStart < completedAt, string.Join(" | ", order));
        Assert.True(order.Take(completedAt).Count(e => e.StartsWith("start:", StringComparison.Ordinal)) >= 2, "calls run while later ones are still streaming");
    }

    [Fact]
    public async Task RunAsync_InvalidArgumentsFromTheModel_ToolNeverRunsAndTheModelGetsTheError()
    {
        using var scenarios = new ScenarioFiles().Add("bad-args",
            new JsonArray(ScenarioFiles.Call("get_weather", new JsonObject { ["city"] = 42 })),
            new JsonArray(new JsonObject { ["type"] = "message", ["text"] = "The tool said: {{last_output}}" }));
        await using var server = await TestServer.StartAsync(o => o.ScenarioDirectory = scenarios.Path);
        await using var client = Clients.Create(server, ResponsesTransportKind.HttpSse);
        var log = new ConcurrentQueue<string>();
        var tools = WeatherTools(log);
        await using var dispatcher = new ToolDispatcher(tools);
        var runner = new AgentRunner(client, tools, dispatcher);
        var finished = new List<ToolOutcome>();

        AgentRunResult? result = null;
        await foreach (var evt in runner.RunAsync(new AgentRunOptions { Model = "scenario/bad-args" }, [MessageItem.User("go")], cancellationToken: TestContext.Current.CancellationToken))
        {
            switch (evt)
            {
                case ToolCallFinishedEvent f:
                    finished.Add(f.Outcome);
                    break;
                case RunFinishedEvent r:
                    result = r.Result;
                    break;
            }
        }

        Assert.Empty(log);
        var outcome = Assert.Single(finished);
        Assert.False(outcome.Ran);
        Assert.Equal(AgentRunStatus.Completed, result!.Status);
        Assert.Contains("do not match the tool's schema", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MaxTurns_StopsWithAClearStatus()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket);
        await using var dispatcher = new ToolDispatcher(WeatherTools());
        var runner = new AgentRunner(client, WeatherTools(), dispatcher);

        var result = await runner.RunToEndAsync(new AgentRunOptions { Model = "scenario/weather-three-turn", MaxTurns = 2 }, [MessageItem.User("go")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AgentRunStatus.MaxTurnsReached, result.Status);
        Assert.Contains("2 turns", result.Reason, StringComparison.Ordinal);
        Assert.Equal(2, result.Turns.Count);
    }

    [Fact]
    public async Task RunAsync_SameCallEveryTurn_StopsAsALoop()
    {
        var sameCall = new JsonArray(ScenarioFiles.Call("get_weather", new JsonObject { ["city"] = "Oslo" }));
        using var scenarios = new ScenarioFiles().Add("loop", sameCall, sameCall.DeepClone().AsArray(), sameCall.DeepClone().AsArray(), sameCall.DeepClone().AsArray(), sameCall.DeepClone().AsArray());
        await using var server = await TestServer.StartAsync(o => o.ScenarioDirectory = scenarios.Path);
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket);
        var log = new ConcurrentQueue<string>();
        await using var dispatcher = new ToolDispatcher(WeatherTools(log));
        var runner = new AgentRunner(client, WeatherTools(log), dispatcher);

        var result = await runner.RunToEndAsync(new AgentRunOptions { Model = "scenario/loop", LoopThreshold = 3 }, [MessageItem.User("go")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AgentRunStatus.LoopDetected, result.Status);
        Assert.Contains("get_weather", result.Reason, StringComparison.Ordinal);
        Assert.Equal(2, log.Count); // the third identical call is not run
    }

    [Fact]
    public async Task RunAsync_MaxToolCalls_StopsBeforeRunningTheExtraCall()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, ResponsesTransportKind.HttpSse);
        var log = new ConcurrentQueue<string>();
        await using var dispatcher = new ToolDispatcher(WeatherTools(log));
        var runner = new AgentRunner(client, WeatherTools(log), dispatcher);

        var result = await runner.RunToEndAsync(new AgentRunOptions { Model = "scenario/weather-three-turn", MaxToolCalls = 2 }, [MessageItem.User("go")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AgentRunStatus.MaxToolCallsReached, result.Status);
        Assert.Equal(2, log.Count);
    }
}
