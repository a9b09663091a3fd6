using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Tandem.Agents.Context;
using Tandem.Agents.Durability;
using Tandem.Agents.Execution;
using Tandem.Agents.Tests.Support;
using Tandem.Agents.Tools;
using Tandem.Responses;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Server.Tests.Support;

namespace Tandem.Agents.Tests.Context;

/// <summary>
/// A run longer than the model's context window: eight turns that each bring ~1,000 tokens of tool
/// output against a 5,000-token window. Without compaction it fails; with server-side compaction,
/// client-side summarise-and-restart (when the server has none), or after context_length_exceeded it
/// finishes with the same answer, every call run once.
/// </summary>
public sealed class CompactionTests
{
    private const int Pages = 8;
    private const int Window = 5000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ScenarioFiles LongScenario() => new ScenarioFiles().Add("long-reading",
        [.. Enumerable.Range(1, Pages).Select(p => new JsonArray(ScenarioFiles.Call("read_page", new JsonObject { ["page"] = p }))),
         new JsonArray(ScenarioFiles.Text("All pages read."))]);

    private static ToolRegistry Tools(ConcurrentDictionary<int, int> reads) => new ToolRegistry().Add(FunctionTool.Create((int page) =>
    {
        reads.AddOrUpdate(page, 1, (_, n) => n + 1);
        return $"Page {page}: " + string.Join(' ', Enumerable.Range(0, 500).Select(i => "word" + ((i * page) % 97)));
    }, "read_page", "Reads one page of the document."));

    private static async Task<(AgentRunResult Result, List<AgentEvent> Events, ConcurrentDictionary<int, int> Reads)> RunAsync(
        CompactionOptions compaction, bool serverCompaction = true, ResponsesTransportKind transport = ResponsesTransportKind.WebSocket)
    {
        using var files = LongScenario();
        await using var server = await TestServer.StartAsync(o =>
        {
            o.ScenarioDirectory = files.Path;
            o.ContextWindowTokens = Window;
            o.EnableCompaction = serverCompaction;
        });
        await using var client = Clients.Create(server, transport);
        var reads = new ConcurrentDictionary<int, int>();
        var tools = Tools(reads);
        await using var dispatcher = new ToolDispatcher(tools, store: new InMemoryIdempotencyStore());
        var runner = new AgentRunner(client, tools, dispatcher);
        var events = new List<AgentEvent>();
        await foreach (var evt in runner.RunAsync(new AgentRunOptions { Model = "scenario/long-reading", Compaction = compaction }, [MessageItem.User("Read the document.")], cancellationToken: Ct))
        {
            events.Add(evt);
        }

        return (events.OfType<RunFinishedEvent>().Single().Result, events, reads);
    }

    private static void AssertFinishedEveryPageOnce(AgentRunResult result, ConcurrentDictionary<int, int> reads)
    {
        Assert.True(result.Status == AgentRunStatus.Completed, $"{result.Status}: {result.Reason}");
        Assert.Equal("All pages read.", result.Output);
        Assert.Equal(Enumerable.Range(1, Pages), reads.Keys.Order());
        Assert.All(reads.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task RunAsync_NoCompaction_FailsAtTheWindowNamingTheCause()
    {
        var (result, events, _) = await RunAsync(new CompactionOptions { Mode = CompactionMode.Off });

        Assert.Equal(AgentRunStatus.Failed, result.Status);
        Assert.Contains("exceeds the context window", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e is TurnRetriedEvent); // a refused request is not sent again
    }

    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task RunAsync_ServerSideCompaction_FinishesUnderTheWindow(ResponsesTransportKind transport)
    {
        var (result, events, reads) = await RunAsync(new CompactionOptions { Mode = CompactionMode.Auto, Threshold = 3000 }, transport: transport);

        AssertFinishedEveryPageOnce(result, reads);
        var compactions = events.OfType<ContextCompactedEvent>().ToList();
        Assert.NotEmpty(compactions);
        Assert.All(compactions, c => Assert.Equal(CompactionMode.Server, c.By));
        Assert.True(result.InputTokens > Window, $"the run read {result.InputTokens} tokens in all, more than one window");
    }

    [Fact]
    public async Task RunAsync_ServerWithoutCompaction_FallsBackToSummariseAndRestart()
    {
        var (result, events, reads) = await RunAsync(new CompactionOptions { Mode = CompactionMode.Auto, Threshold = 3000 }, serverCompaction: false);

        AssertFinishedEveryPageOnce(result, reads);
        Assert.Contains(events, e => e is TurnRetriedEvent r && r.Reason.Contains("context_management", StringComparison.Ordinal));
        var compactions = events.OfType<ContextCompactedEvent>().ToList();
        Assert.NotEmpty(compactions);
        Assert.All(compactions, c => Assert.Equal(CompactionMode.Client, c.By));
    }

    [Fact]
    public async Task RunAsync_ThresholdAboveTheWindow_CompactsAfterContextLengthExceeded()
    {
        var (result, events, reads) = await RunAsync(new CompactionOptions { Mode = CompactionMode.Client, Threshold = 100_000 });

        AssertFinishedEveryPageOnce(result, reads);
        Assert.Contains(events, e => e is ContextCompactedEvent { By: CompactionMode.Client, InputTokensBefore: 0 });
    }

    [Fact]
    public async Task ResumeAsync_AfterAClientSideRestart_RebuildsTheRestartedChainAndFinishes()
    {
        using var files = LongScenario();
        using var db = new SqliteTestDatabase();
        await using var server = await TestServer.StartAsync(o =>
        {
            o.ScenarioDirectory = files.Path;
            o.ContextWindowTokens = Window;
        });
        var options = new AgentRunOptions { Model = "scenario/long-reading", Compaction = new CompactionOptions { Mode = CompactionMode.Client, Threshold = 3000 } };
        var reads = new ConcurrentDictionary<int, int>();
        string? runId = null;

        // The first process: stopped dead (no final journal entry) one turn after its first restart.
        await using (var client = Clients.Create(server, ResponsesTransportKind.WebSocket))
        {
            var tools = Tools(reads);
            await using var dispatcher = new ToolDispatcher(tools, store: new SqliteIdempotencyStore(db.Path));
            var runner = new AgentRunner(client, tools, dispatcher, new SqliteRunJournal(db.Path));
            var restarted = false;
            await foreach (var evt in runner.RunAsync(options, [MessageItem.User("Read the document.")], cancellationToken: Ct))
            {
                runId ??= evt is TurnStartedEvent ? await FirstRunIdAsync(db) : null;
                restarted |= evt is ContextCompactedEvent;
                Assert.IsNotType<RunFinishedEvent>(evt);
                if (restarted && evt is TurnCompletedEvent)
                {
                    break;
                }
            }

            Assert.True(restarted);
        }

        await using (var client = Clients.Create(server, ResponsesTransportKind.WebSocket))
        {
            var tools = Tools(reads);
            await using var dispatcher = new ToolDispatcher(tools, store: new SqliteIdempotencyStore(db.Path));
            var runner = new AgentRunner(client, tools, dispatcher, new SqliteRunJournal(db.Path));

            var result = await runner.ResumeToEndAsync(options, runId!, Ct);

            AssertFinishedEveryPageOnce(result, reads);
        }
    }

    private static async Task<string> FirstRunIdAsync(SqliteTestDatabase db)
    {
        await foreach (var id in new SqliteRunJournal(db.Path).ListUnfinishedAsync(Ct))
        {
            return id;
        }

        throw new InvalidOperationException("No run in the journal.");
    }
}
