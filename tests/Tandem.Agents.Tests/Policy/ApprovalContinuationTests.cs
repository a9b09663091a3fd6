using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Tandem.Agents.Durability;
using Tandem.Agents.Execution;
using Tandem.Agents.Policy;
using Tandem.Agents.Tests.Support;
using Tandem.Agents.Tools;
using Tandem.Responses;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Server.Tests.Support;

namespace Tandem.Agents.Tests.Policy;

/// <summary>
/// A run paused for an approval (no approver in the loop) continues after someone approves or denies
/// it out of band: <see cref="ApprovalGate.Approve"/> / <see cref="ApprovalGate.Deny"/> with the nonce,
/// then <see cref="AgentRunner.ResumeAsync"/>. The approval is single-use and expires (checklist S5).
/// </summary>
public sealed class ApprovalContinuationTests : IAsyncLifetime, IDisposable
{
    private readonly ScenarioFiles _files = new ScenarioFiles().Add("transfer",
        new JsonArray(ScenarioFiles.Call("get_balance", new JsonObject { ["account"] = "A-1" })),
        new JsonArray(ScenarioFiles.Call("transfer", new JsonObject { ["to"] = "B-2", ["amount"] = 250 })),
        new JsonArray(ScenarioFiles.Text("Transfer handled.")));

    private readonly SqliteTestDatabase _db = new();
    private readonly ConcurrentQueue<string> _transfers = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-26T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private TestServer? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync(o => o.ScenarioDirectory = _files.Path);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _files.Dispose();
        _db.Dispose();
    }

    private ToolRegistry Tools() => new ToolRegistry()
        .Add(FunctionTool.Create((string account) => "1000", "get_balance"))
        .Add(FunctionTool.Create((string to, int amount) =>
        {
            _transfers.Enqueue($"{to}:{amount}");
            return "transferred";
        }, "transfer", configure: d => new ToolDefinition { Name = d.Name, Parameters = d.Parameters, Risk = ToolRisk.High, SideEffect = SideEffect.External, ReplaySafe = false }));

    private AgentRunOptions Options(ApprovalGate gate) => new() { Model = "scenario/transfer", Approvals = gate, ApprovalPolicy = ApprovalPolicy.Always };

    /// <summary>Runs (or resumes) in a fresh client, as a later request of the application would.</summary>
    private async Task<(AgentRunResult Result, List<AgentEvent> Events)> DriveAsync(ApprovalGate gate, string? resume = null)
    {
        await using var client = Clients.Create(_server!, ResponsesTransportKind.WebSocket);
        var tools = Tools();
        await using var dispatcher = new ToolDispatcher(tools, store: new SqliteIdempotencyStore(_db.Path));
        var runner = new AgentRunner(client, tools, dispatcher, new SqliteRunJournal(_db.Path), _time);
        var events = new List<AgentEvent>();
        var stream = resume is null
            ? runner.RunAsync(Options(gate), [MessageItem.User("Move 250 to B-2.")], "run-transfer", Ct)
            : runner.ResumeAsync(Options(gate), resume, Ct);
        await foreach (var evt in stream)
        {
            events.Add(evt);
        }

        return (events.OfType<RunFinishedEvent>().Single().Result, events);
    }

    [Fact]
    public async Task ResumeAsync_AfterOutOfBandApproval_RunsTheCallOnceAndFinishes()
    {
        var gate = new ApprovalGate(_time);
        var (paused, events) = await DriveAsync(gate);
        Assert.Equal(AgentRunStatus.AwaitingApproval, paused.Status);
        var request = Assert.Single(events.OfType<ApprovalRequestedEvent>()).Request;
        Assert.Empty(_transfers);

        Assert.True(gate.Approve(request.Nonce));
        var (finished, _) = await DriveAsync(gate, "run-transfer");

        Assert.True(finished.Status == AgentRunStatus.Completed, $"{finished.Status}: {finished.Reason}");
        Assert.Equal("Transfer handled.", finished.Output);
        Assert.Equal(["B-2:250"], _transfers);
        Assert.False(gate.TryUse(request.Nonce, "run-transfer", "transfer", request.Arguments, out var refusal)); // consumed
        Assert.Equal("already used", refusal);

        var (again, _) = await DriveAsync(gate, "run-transfer"); // a finished run stays finished
        Assert.Equal(AgentRunStatus.Completed, again.Status);
        Assert.Single(_transfers);
    }

    [Fact]
    public async Task ResumeAsync_NotYetApproved_StaysPausedOnTheSameNonceAndRunsNothing()
    {
        var gate = new ApprovalGate(_time);
        var (_, events) = await DriveAsync(gate);
        var nonce = events.OfType<ApprovalRequestedEvent>().Single().Request.Nonce;

        var (stillPaused, resumedEvents) = await DriveAsync(gate, "run-transfer");

        Assert.Equal(AgentRunStatus.AwaitingApproval, stillPaused.Status);
        Assert.Contains(nonce, stillPaused.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(resumedEvents, e => e is ApprovalRequestedEvent); // no second request for the same call
        Assert.Empty(_transfers);
    }

    [Fact]
    public async Task ResumeAsync_AfterDenial_TellsTheModelAndNeverRunsTheCall()
    {
        var gate = new ApprovalGate(_time);
        var (_, events) = await DriveAsync(gate);
        var request = events.OfType<ApprovalRequestedEvent>().Single().Request;

        Assert.True(gate.Deny(request.Nonce, "over the daily limit"));
        Assert.False(gate.Approve(request.Nonce)); // a denial is final
        var (finished, resumed) = await DriveAsync(gate, "run-transfer");

        Assert.Equal(AgentRunStatus.Completed, finished.Status);
        Assert.Empty(_transfers);
        var outcome = resumed.OfType<ToolCallFinishedEvent>().Single().Outcome;
        Assert.True(outcome.Result.IsError);
        Assert.False(outcome.Ran);
        Assert.Contains("over the daily limit", outcome.Result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumeAsync_ApprovalExpired_AsksAgainWithANewNonce()
    {
        var gate = new ApprovalGate(_time, TimeSpan.FromMinutes(15));
        var (_, events) = await DriveAsync(gate);
        var first = events.OfType<ApprovalRequestedEvent>().Single().Request;
        Assert.True(gate.Approve(first.Nonce));

        _time.Advance(TimeSpan.FromMinutes(16));
        var (paused, resumed) = await DriveAsync(gate, "run-transfer");

        Assert.Equal(AgentRunStatus.AwaitingApproval, paused.Status);
        var second = Assert.Single(resumed.OfType<ApprovalRequestedEvent>()).Request;
        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.Empty(_transfers);

        Assert.True(gate.Approve(second.Nonce));
        var (finished, _) = await DriveAsync(gate, "run-transfer");
        Assert.Equal(AgentRunStatus.Completed, finished.Status);
        Assert.Equal(["B-2:250"], _transfers);
    }
}
