using Tandem.Agents.Durability;
using Tandem.Agents.Execution;
using Tandem.Agents.Tests.Support;
using Tandem.Responses.Protocol;
using Tandem.Server.Tests.Support;

namespace Tandem.Agents.Tests.Execution;

/// <summary>
/// A run killed with SIGKILL at several points, then resumed from its SQLite journal in another
/// process: the final output equals an uninterrupted run and the side-effecting tool ran exactly once.
/// </summary>
public sealed class CrashResumeTests
{
    private const string Expected = "Done. The last tool said: 14:05";

    /// <summary>
    /// Every point where no side-effecting call is half done. (A crash in the middle of a
    /// non-replay-safe call leaves its outcome unknown: the resumed run reports that to the model
    /// rather than risk a second effect — see ToolDispatcherTests.)
    /// </summary>
    public static TheoryData<string> CrashPoints() => new(
        "RunStarted#1",
        "InputItems#1",
        "ResponseStarted#1",
        "ToolCallDispatched#1",
        "ToolResult#1",
        "InputItems#2",
        "ResponseStarted#2",
        "ToolCallDispatched#2",
        "ToolResult#3",
        "InputItems#3",
        "TurnCompleted#3");

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task ResumeAsync_AfterSigkillWithSqlite_FinishesLikeAnUninterruptedRunWithOneSideEffect(string crashAt)
    {
        var dir = Directory.CreateTempSubdirectory("tandem-crash-");
        try
        {
            await CrashThenResumeAsync("sqlite:" + Path.Combine(dir.FullName, "run.db"), dir.FullName, crashAt);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Kills the worker at <paramref name="crashAt"/>, resumes here, and checks output and side effects.</summary>
    internal static async Task CrashThenResumeAsync(string storeSpec, string workDirectory, string crashAt)
    {
        using var scenario = AgentWorkerProcess.Scenario();
        await using var server = await TestServer.StartAsync(o => o.ScenarioDirectory = scenario.Path);
        var effects = Path.Combine(workDirectory, "effects.txt");
        var runId = "run_crash_" + crashAt.Replace('#', '_');

        using (var worker = AgentWorkerProcess.Start(server.BaseAddress, storeSpec, effects, runId, crashAt))
        {
            var stderr = worker.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await worker.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(worker.ExitCode is 137 or -1 or 9, $"the worker was to be killed at {crashAt}, but exited with {worker.ExitCode}: {await stderr}");
        }

        var journal = DurabilityStores.CreateRunJournal(storeSpec);
        var unfinished = new List<string>();
        await foreach (var id in journal.ListUnfinishedAsync(TestContext.Current.CancellationToken))
        {
            unfinished.Add(id);
        }

        Assert.Contains(runId, unfinished);
        await using var client = AgentWorkerProcess.Client(server.BaseAddress);
        var tools = AgentWorkerProcess.Tools(effects);
        await using var dispatcher = new ToolDispatcher(tools, store: DurabilityStores.CreateIdempotencyStore(storeSpec));
        var runner = new AgentRunner(client, tools, dispatcher, journal);

        var result = await runner.ResumeToEndAsync(AgentWorkerProcess.Options, runId, TestContext.Current.CancellationToken);

        Assert.Equal(AgentRunStatus.Completed, result.Status);
        Assert.Equal(Expected, result.Output);
        var sent = File.Exists(effects) ? File.ReadAllLines(effects) : [];
        Assert.Equal(["Paris is sunny"], sent);

        // Resuming a finished run changes nothing.
        var again = await runner.ResumeToEndAsync(AgentWorkerProcess.Options, runId, TestContext.Current.CancellationToken);
        Assert.Equal(Expected, again.Output);
        Assert.Single(File.ReadAllLines(effects));
    }

    [Fact]
    public async Task RunAsync_Uninterrupted_IsTheReference()
    {
        using var scenario = AgentWorkerProcess.Scenario();
        await using var server = await TestServer.StartAsync(o => o.ScenarioDirectory = scenario.Path);
        var dir = Directory.CreateTempSubdirectory("tandem-ref-");
        try
        {
            var effects = Path.Combine(dir.FullName, "effects.txt");
            var db = Path.Combine(dir.FullName, "run.db");
            await using var client = AgentWorkerProcess.Client(server.BaseAddress);
            var tools = AgentWorkerProcess.Tools(effects);
            await using var dispatcher = new ToolDispatcher(tools, store: DurabilityStores.CreateIdempotencyStore("sqlite:" + db));
            var runner = new AgentRunner(client, tools, dispatcher, DurabilityStores.CreateRunJournal("sqlite:" + db));

            var result = await runner.RunToEndAsync(AgentWorkerProcess.Options, [MessageItem.User("Report the weather in Paris.")], "run_ref", TestContext.Current.CancellationToken);

            Assert.Equal(Expected, result.Output);
            Assert.Single(File.ReadAllLines(effects));
            var kinds = new List<JournalEntryKind>();
            await foreach (var e in DurabilityStores.CreateRunJournal("sqlite:" + db).ReadAsync("run_ref", TestContext.Current.CancellationToken))
            {
                kinds.Add(e.Kind);
            }

            Assert.Equal(JournalEntryKind.RunStarted, kinds[0]);
            Assert.Equal(JournalEntryKind.RunFinished, kinds[^1]);
            Assert.Equal(3, kinds.Count(k => k == JournalEntryKind.TurnCompleted));
            Assert.Equal(3, kinds.Count(k => k == JournalEntryKind.ToolResult));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }
}
