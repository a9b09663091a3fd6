using System.Text;
using System.Text.Json;
using Tandem.Security.Audit;
using Tandem.Security.Secrets;

namespace Tandem.Security.Tests.Audit;

/// <summary>S12: every record written matches the schema, is one line of printable ASCII, and no input can split it.</summary>
public sealed class AuditRecordSchemaTests : IDisposable
{
    private const string Injection = "x\n{\"event\":\"fake\",\"seq\":99}\r\n\u2028{\"event\":\"fake\"}\u0000\u001b[31m\u202Eevil";

    private static readonly JsonElement Schema = JsonDocument.Parse(AuditRecordSchema.Json).RootElement;

    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task EveryRecord_OfEveryKind_MatchesTheSchema()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _directory.File("audit.jsonl");
        await WriteEveryKindAsync(await AuditSinks.OpenJsonlAsync(path, null, ct), ct);

        var lines = AuditTestLog.Lines(path);

        Assert.Equal(9, lines.Count);
        foreach (var line in lines)
        {
            AssertWellFormed(line);
        }
    }

    [Fact]
    public async Task EveryRecord_InTheSqliteSink_MatchesTheSchema()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _directory.File("audit.db");
        await WriteEveryKindAsync(await AuditSinks.OpenSqliteAsync(path, null, ct), ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + path + ";Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT line FROM tandem_audit_log ORDER BY seq";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var count = 0;
        while (await reader.ReadAsync(ct))
        {
            AssertWellFormed(reader.GetString(0));
            count++;
        }

        Assert.Equal(9, count);
    }

    [Fact]
    public async Task NewlineInjection_InEveryField_StaysOneRecord()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _directory.File("audit.jsonl");
        var sink = await AuditSinks.OpenJsonlAsync(path, null, ct);
        await using (var writer = new AuditWriter(sink, new Redactor(new SecretStore())))
        {
            await writer.WriteAsync(new AuditRecord
            {
                Event = AuditEvents.ToolCall,
                Actor = "agent" + Injection,
                RunId = Injection,
                Turn = 1,
                CallId = Injection,
                Tool = Injection,
                Decision = Injection,
                Status = Injection,
                Details = new Dictionary<string, string> { [Injection] = Injection, ["output"] = "ok\n{\"event\":\"fake\"}" },
            }, ct);
        }

        var bytes = await File.ReadAllBytesAsync(path, ct);
        var lines = AuditTestLog.Lines(path);

        Assert.Equal(2, lines.Count);
        Assert.Equal(2, bytes.Count(b => b == (byte)'\n'));
        Assert.DoesNotContain(bytes, b => b is < 0x20 and not (byte)'\n' or >= 0x7F);
        Assert.DoesNotContain("{\"event\":\"fake\"", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        AssertWellFormed(lines[0]);

        // The escaped text reads back as exactly what was written, not a byte lost.
        using var record = JsonDocument.Parse(lines[0]);
        Assert.Equal(Injection, record.RootElement.GetProperty("tool").GetString());
        Assert.Equal(Injection, record.RootElement.GetProperty("details").GetProperty(Injection).GetString());
        Assert.Equal("tool_call", record.RootElement.GetProperty("event").GetString());
        Assert.True(AuditVerifier.Verify(path, cancellationToken: ct).IsValid);
    }

    [Fact]
    public void SchemaCheck_RejectsWhatTheSchemaForbids()
    {
        // The hand-written check is not vacuous: each of these breaks one rule.
        const string Hash = "0000000000000000000000000000000000000000000000000000000000000000";
        var good = $$"""{"v":1,"seq":1,"time":"2025-03-01T10:00:00.0000000Z","event":"tool_call","actor":"agent","prev":"{{Hash}}","hash":"{{Hash}}"}""";
        Assert.Empty(Check(good));
        Assert.NotEmpty(Check(good.Replace("\"v\":1", "\"v\":2", StringComparison.Ordinal)));
        Assert.NotEmpty(Check(good.Replace("\"seq\":1", "\"seq\":0", StringComparison.Ordinal)));
        Assert.NotEmpty(Check(good.Replace("0000000Z", "0000000+02:00", StringComparison.Ordinal)));
        Assert.NotEmpty(Check(good.Replace("tool_call", "Tool Call", StringComparison.Ordinal)));
        Assert.NotEmpty(Check(good.Replace("\"actor\":\"agent\"", "\"actor\":\"\"", StringComparison.Ordinal)));
        Assert.NotEmpty(Check(good.Replace("\"event\"", "\"extra\":1,\"event\"", StringComparison.Ordinal)));
        Assert.NotEmpty(Check(good.Replace(",\"actor\":\"agent\"", "", StringComparison.Ordinal)));
        Assert.NotEmpty(Check(good.Replace("\"prev\":\"0", "\"prev\":\"G", StringComparison.Ordinal)));
        Assert.NotEmpty(Check(good.Replace("\"actor\"", "\"details\":{\"n\":1},\"actor\"", StringComparison.Ordinal)));
        Assert.NotEmpty(Check(good.Replace("\"actor\"", "\"turn\":-1,\"actor\"", StringComparison.Ordinal)));
    }

    private static List<string> Check(string line)
    {
        using var document = JsonDocument.Parse(line);
        return AuditSchemaCheck.Validate(Schema, document.RootElement);
    }

    private static void AssertWellFormed(string line)
    {
        Assert.DoesNotContain(line, c => c is < ' ' or > '~');
        var errors = Check(line);
        Assert.True(errors.Count == 0, string.Join("; ", errors) + " in " + line);

        // What JSON Schema cannot say: prev is just before hash, which is last.
        using var document = JsonDocument.Parse(line);
        var names = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["v", "seq", "time", "event", "actor"], names.Take(5));
        Assert.Equal(["prev", "hash"], names.TakeLast(2));
    }

    private static async Task WriteEveryKindAsync(IAuditSink sink, CancellationToken ct)
    {
        var writer = new AuditWriter(sink, new Redactor(new SecretStore()), timeProvider: AuditTestLog.Clock());
        await using (writer)
        {
            await writer.WriteAsync(new AuditRecord { Event = AuditEvents.RunStarted, Actor = "user:alice", RunId = "run_1" }, ct);
            await writer.ModelRequestAsync("run_1", 0, "gpt-5", """{"input":"héllo <b>&</b> \u2028"}""", ct);
            await writer.ToolCallAsync("run_1", 0, "call_1", "read_file", """{"path":"a.txt"}""", "ok", ct);
            await writer.ApprovalAsync("run_1", 1, "call_2", "delete_file", """{"path":"b"}""", "rejected", "user:bob", ct);
            await writer.PolicyDecisionAsync("run_1", 1, "call_3", "fetch_url", "deny", "tainted run: network tools need approval", ct);
            await writer.KeyFailoverAsync("key_1234abcd", "key_9876fedc", "401 twice", ct);
            await writer.WriteAsync(new AuditRecord { Event = AuditEvents.ModelResponse, Actor = "model", RunId = "run_1", Turn = 1, Status = "completed", Details = new Dictionary<string, string> { ["response_id"] = "resp_1", ["unicode"] = "日本語 \U0001F600" } }, ct);
            await writer.WriteAsync(new AuditRecord { Event = AuditEvents.RunFinished, Actor = "agent", RunId = "run_1", Status = "completed" }, ct);
        }
    }
}
