using System.Text.Json.Nodes;
using Tandem.Agents.Execution;
using Tandem.Agents.Tests.Support;
using Tandem.Agents.Tools;
using Tandem.Responses;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Security.Audit;
using Tandem.Security.Secrets;
using Tandem.Server.Tests.Support;

namespace Tandem.Agents.Tests.Security;

/// <summary>Checklist S13: a model that keeps calling a tool stops at the cap, and the audit log says why.</summary>
public sealed class CapAuditTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("tandem-cap-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task RunAsync_ModelThatAlwaysCallsATool_StopsAtTheCapWithAnAuditRecord()
    {
        var ct = TestContext.Current.CancellationToken;
        using var scenarios = new ScenarioFiles().Add("relentless",
            [.. Enumerable.Range(1, 12).Select(i => new JsonArray(ScenarioFiles.Call("poll", new JsonObject { ["attempt"] = i })))]);
        await using var server = await TestServer.StartAsync(o => o.ScenarioDirectory = scenarios.Path);
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket);
        var polls = 0;
        var tools = new ToolRegistry().Add(FunctionTool.Create((int attempt) => $"attempt {attempt}: {Interlocked.Increment(ref polls)}", "poll"));
        await using var dispatcher = new ToolDispatcher(tools);
        var auditPath = Path.Combine(_dir.FullName, "audit.jsonl");

        AgentRunResult result;
        await using (var audit = new AuditWriter(await AuditSinks.OpenJsonlAsync(auditPath, null, ct), Redactor.ShapesOnly))
        {
            result = await new AgentRunner(client, tools, dispatcher).RunToEndAsync(
                new AgentRunOptions { Model = "scenario/relentless", MaxToolCalls = 5, Audit = audit }, [MessageItem.User("Poll until done.")], cancellationToken: ct);
        }

        Assert.Equal(AgentRunStatus.MaxToolCallsReached, result.Status);
        Assert.Equal(5, polls); // the sixth call is counted, refused, and never runs
        var records = (await File.ReadAllLinesAsync(auditPath, ct)).Select(l => JsonNode.Parse(l)!).ToList();
        var decision = Assert.Single(records, r => (string?)r["event"] == AuditEvents.PolicyDecision);
        Assert.Equal("stop:MaxToolCallsReached", (string?)decision["decision"]);
        Assert.Equal("poll", (string?)decision["tool"]);
        var finished = Assert.Single(records, r => (string?)r["event"] == AuditEvents.RunFinished);
        Assert.Equal("MaxToolCallsReached", (string?)finished["status"]);
        Assert.True(AuditVerifier.Verify(auditPath, cancellationToken: ct).IsValid);
    }
}
