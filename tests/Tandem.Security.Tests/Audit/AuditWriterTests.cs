using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tandem.Security.Audit;
using Tandem.Security.Secrets;

namespace Tandem.Security.Tests.Audit;

public sealed class AuditWriterTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ModelRequestAsync_ByDefault_RecordsTheHashNotTheContent()
    {
        var ct = TestContext.Current.CancellationToken;
        const string Body = """{"model":"gpt-5","input":"the quarterly numbers are confidential"}""";
        var (path, record) = await WriteOneAsync(w => w.ModelRequestAsync("run_1", 2, "gpt-5", Body, ct), null);

        var line = AuditTestLog.Lines(path)[0];

        Assert.DoesNotContain("confidential", line, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Body))), record.Details!["request_sha256"]);
        Assert.Equal(Encoding.UTF8.GetByteCount(Body).ToString(System.Globalization.CultureInfo.InvariantCulture), record.Details["request_bytes"]);
        Assert.Equal("model_request", record.Event);
    }

    [Fact]
    public async Task ModelRequestAsync_WithRecordModelContent_RecordsTheRedactedBody()
    {
        var ct = TestContext.Current.CancellationToken;
        const string Body = """{"input":"hello","auth":"Bearer abcdefghijklmnopqrstuvwxyz012345"}""";
        var (path, _) = await WriteOneAsync(w => w.ModelRequestAsync("run_1", 2, "gpt-5", Body, ct), new AuditWriterOptions { RecordModelContent = true });

        using var document = JsonDocument.Parse(AuditTestLog.Lines(path)[0]);
        var request = document.RootElement.GetProperty("details").GetProperty("request").GetString();

        Assert.Equal("""{"input":"hello","auth":"Bearer [REDACTED:bearer_token]"}""", request);
    }

    [Fact]
    public async Task ToolCallAsync_RecordsArgumentHashAndUtcTime()
    {
        var ct = TestContext.Current.CancellationToken;
        var (path, record) = await WriteOneAsync(w => w.ToolCallAsync("run_1", 3, "call_9", "read_file", """{"path":"/etc/passwd"}""", "error", ct), null);

        using var document = JsonDocument.Parse(AuditTestLog.Lines(path)[0]);
        var root = document.RootElement;

        Assert.Equal("2025-03-01T10:00:00.0000000Z", root.GetProperty("time").GetString());
        Assert.Equal(TimeSpan.Zero, record.Time.Offset);
        Assert.Equal(AuditWriter.Sha256("""{"path":"/etc/passwd"}"""), root.GetProperty("args_sha256").GetString());
        Assert.Equal("run_1", root.GetProperty("run_id").GetString());
        Assert.Equal(3, root.GetProperty("turn").GetInt32());
        Assert.Equal("call_9", root.GetProperty("call_id").GetString());
        Assert.Equal("read_file", root.GetProperty("tool").GetString());
        Assert.Equal("error", root.GetProperty("status").GetString());
        Assert.DoesNotContain("passwd", AuditTestLog.Lines(path)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_InvalidEventName_Throws()
    {
        var sink = await AuditSinks.OpenJsonlAsync(_directory.File("a.jsonl"), null, TestContext.Current.CancellationToken);
        await using var writer = new AuditWriter(sink, Redactor.ShapesOnly);

        await Assert.ThrowsAsync<ArgumentException>(async () => await writer.WriteAsync(new AuditRecord { Event = "Tool Call\n", Actor = "agent" }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(async () => await writer.WriteAsync(new AuditRecord { Event = "tool_call", Actor = " " }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(async () => await writer.WriteAsync(new AuditRecord { Event = "tool_call", Actor = "a", ArgumentsSha256 = "plain text" }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DisposeAsync_SealsTheLog()
    {
        var (path, _) = await WriteOneAsync(w => w.PolicyDecisionAsync("run_1", null, null, null, "allow", "ok", TestContext.Current.CancellationToken), null);

        var lines = AuditTestLog.Lines(path);

        Assert.Equal(2, lines.Count);
        Assert.Contains("\"event\":\"seal\"", lines[1], StringComparison.Ordinal);
        Assert.True(AuditVerifier.Verify(path, cancellationToken: TestContext.Current.CancellationToken).Sealed);
    }

    private async Task<(string Path, AuditRecord Record)> WriteOneAsync(Func<AuditWriter, ValueTask<AuditRecord>> write, AuditWriterOptions? options)
    {
        var path = _directory.File("audit.jsonl");
        var sink = await AuditSinks.OpenJsonlAsync(path, null, TestContext.Current.CancellationToken);
        await using var writer = new AuditWriter(sink, new Redactor(new SecretStore()), options, AuditTestLog.Clock());
        var record = await write(writer);
        return (path, record);
    }
}
