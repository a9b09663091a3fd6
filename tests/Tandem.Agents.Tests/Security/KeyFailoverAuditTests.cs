using System.Text.Json.Nodes;
using Tandem.Agents.Auditing;
using Tandem.Responses;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Security.Audit;
using Tandem.Security.Secrets;
using Tandem.Server.Tests.Support;

namespace Tandem.Agents.Tests.Security;

/// <summary>A key refused by the server fails over to the next one, and the audit log records it by fingerprint, never by value.</summary>
public sealed class KeyFailoverAuditTests : IDisposable
{
    private const string BadKey = "sk-revoked-key-0000000000000000";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("tandem-keyaudit-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Request_WithARevokedKeyFirst_FailsOverAndTheAuditLogSaysSo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, ResponsesTransportKind.HttpSse, o =>
        {
            o.ApiKeys.Clear();
            o.ApiKeys.Add(BadKey);
            o.ApiKeys.Add(TestServer.KeyA);
            o.UnauthorizedRetryDelay = TimeSpan.Zero;
        });
        var auditPath = Path.Combine(_dir.FullName, "audit.jsonl");

        await using (var writer = new AuditWriter(await AuditSinks.OpenJsonlAsync(auditPath, null, ct), Redactor.ShapesOnly))
        {
            await using var audit = KeyPoolAudit.Attach(client.Keys, writer);
            var response = await client.CreateAsync(new ResponseCreateRequest { Model = "tandem-default", Input = new ResponseInput([MessageItem.User("Hi")]) }, ct);
            Assert.Equal(ResponseStatus.Completed, response.Status);
            await audit.FlushAsync();
        }

        var text = await File.ReadAllTextAsync(auditPath, ct);
        var failover = Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!), r => (string?)r["event"] == AuditEvents.KeyFailover);
        Assert.Equal(Tandem.Responses.Auth.ApiKeyPool.Fingerprint(BadKey), (string?)failover["details"]!["from"]);
        Assert.Equal(Tandem.Responses.Auth.ApiKeyPool.Fingerprint(TestServer.KeyA), (string?)failover["details"]!["to"]);
        Assert.DoesNotContain(BadKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestServer.KeyA, text, StringComparison.Ordinal);
        Assert.True(AuditVerifier.Verify(auditPath, cancellationToken: ct).IsValid);
    }
}
