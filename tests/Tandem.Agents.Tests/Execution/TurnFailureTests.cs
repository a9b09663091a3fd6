using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Tandem.Agents.Execution;
using Tandem.Agents.Tests.Support;
using Tandem.Agents.Tools;
using Tandem.Responses;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Server.Tests.Support;

namespace Tandem.Agents.Tests.Execution;

/// <summary>A turn whose stream breaks off after calls were dispatched: retried only when every started call is replay-safe.</summary>
public sealed class TurnFailureTests
{
    private static ToolRegistry Tools(ConcurrentQueue<string> log) => new ToolRegistry()
        .Add(FunctionTool.Create((string city) =>
        {
            log.Enqueue("lookup:" + city);
            return "sunny";
        }, "lookup"))
        .Add(FunctionTool.Create((string to) =>
        {
            log.Enqueue("send:" + to);
            return "sent";
        }, "send", configure: d => new ToolDefinition { Name = d.Name, Parameters = d.Parameters, SideEffect = SideEffect.External, ReplaySafe = false }));

    private static async Task<(AgentRunResult Result, List<AgentEvent> Events)> RunWithDropAsync(string firstTool, ConcurrentQueue<string> log)
    {
        // One turn with two calls, streamed slowly; the connection drops as soon as the first call is dispatched.
        using var scenarios = new ScenarioFiles().Add("two-calls",
            new JsonArray(
                ScenarioFiles.Call(firstTool, firstTool == "send" ? new JsonObject { ["to"] = "ops@example.com" } : new JsonObject { ["city"] = "Oslo" }),
                ScenarioFiles.Call("lookup", new JsonObject { ["city"] = "Bergen, on the west coast of Norway, famous for its rain" })),
            new JsonArray(ScenarioFiles.Text("Done: {{last_output}}")));
        using var profile = new ProfileFile("""{"name":"slow-decode","decode_tokens_per_second":80}""");
        await using var server = await TestServer.StartAsync(o =>
        {
            o.ScenarioDirectory = scenarios.Path;
            o.Profile = profile.Path;
        });
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket);
        var tools = Tools(log);
        await using var dispatcher = new ToolDispatcher(tools);
        var runner = new AgentRunner(client, tools, dispatcher);
        var events = new List<AgentEvent>();
        var dropped = false;
        await foreach (var evt in runner.RunAsync(new AgentRunOptions { Model = "scenario/two-calls" }, [MessageItem.User("go")], cancellationToken: TestContext.Current.CancellationToken))
        {
            events.Add(evt);
            if (evt is ToolCallStartedEvent && !dropped)
            {
                dropped = server.Host.DropWebSocketConnections() > 0;
            }
        }

        Assert.True(dropped);
        return (((RunFinishedEvent)events[^1]).Result, events);
    }

    [Fact]
    public async Task RunAsync_StreamBreaksAfterAReplaySafeCall_RetriesTheTurnAndCompletes()
    {
        var log = new ConcurrentQueue<string>();

        var (result, events) = await RunWithDropAsync("lookup", log);

        Assert.Equal(AgentRunStatus.Completed, result.Status);
        Assert.Single(events.OfType<TurnRetriedEvent>());
        Assert.Equal("Done: sunny", result.Output);
        Assert.Equal(2, log.Count(l => l == "lookup:Oslo")); // replay-safe: ran before the break and again in the retried turn
    }

    [Fact]
    public async Task RunAsync_StreamBreaksAfterANonReplaySafeCall_FailsWithoutRepeatingIt()
    {
        var log = new ConcurrentQueue<string>();

        var (result, events) = await RunWithDropAsync("send", log);

        Assert.Equal(AgentRunStatus.Failed, result.Status);
        Assert.Contains("non-replay-safe", result.Reason, StringComparison.Ordinal);
        Assert.Contains("send", result.Reason, StringComparison.Ordinal);
        Assert.Empty(events.OfType<TurnRetriedEvent>());
        Assert.Equal(["send:ops@example.com"], log);
        Assert.Contains(events, e => e is ToolCallFinishedEvent { Outcome.Name: "send" }); // it finished before the run ended
    }
}
