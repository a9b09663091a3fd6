using System.Text;
using Tandem.Security.Audit;

namespace Tandem.Security.Tests.Audit;

public sealed class JsonlAuditSinkTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AppendAsync_Records_ChainEachLineToThePrevious()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _directory.File("audit.jsonl");
        await using var sink = await AuditSinks.OpenJsonlAsync(path, null, ct);
        Assert.Equal(AuditHead.Genesis, sink.Head);

        var first = await sink.AppendAsync(Record("one"), ct);
        var second = await sink.AppendAsync(Record("two"), ct);

        var lines = AuditTestLog.Lines(path);
        Assert.Equal(2, lines.Count);
        Assert.Equal(1, first.Sequence);
        Assert.Equal(AuditHead.GenesisHash, first.Prev);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(AuditLineFormat.LineHash(Encoding.ASCII.GetBytes(lines[0])), second.Prev);
        Assert.EndsWith($",\"hash\":\"{second.Hash}\"}}", lines[1], StringComparison.Ordinal);
        Assert.Equal(new AuditHead(2, AuditLineFormat.LineHash(Encoding.ASCII.GetBytes(lines[1]))), sink.Head);
    }

    [Fact]
    public async Task OpenJsonlAsync_ExistingLog_ContinuesItsChain()
    {
        var ct = TestContext.Current.CancellationToken;
        var (path, head) = await AuditTestLog.WriteJsonlAsync(_directory, 3, seal: true, ct);

        var sink = await AuditSinks.OpenJsonlAsync(path, null, ct);
        Assert.Equal(head, sink.Head);
        await AuditTestLog.WriteAsync(sink, 2, seal: true, ct);

        var result = AuditVerifier.Verify(path, cancellationToken: ct);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(7, result.Records);
    }

    [Fact]
    public async Task OpenJsonlAsync_LastLineIncomplete_Refuses()
    {
        var ct = TestContext.Current.CancellationToken;
        var (path, _) = await AuditTestLog.WriteJsonlAsync(_directory, 3, seal: true, ct);
        var bytes = await File.ReadAllBytesAsync(path, ct);
        await File.WriteAllBytesAsync(path, bytes[..^10], ct);

        var error = await Assert.ThrowsAsync<AuditLogException>(() => AuditSinks.OpenJsonlAsync(path, null, ct));

        Assert.Contains("incomplete record", error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes.Length - 10, new FileInfo(path).Length);
    }

    [Fact]
    public async Task OpenJsonlAsync_LastRecordEdited_Refuses()
    {
        var ct = TestContext.Current.CancellationToken;
        var (path, _) = await AuditTestLog.WriteJsonlAsync(_directory, 3, seal: true, ct);
        var lines = AuditTestLog.Lines(path);
        lines[^1] = lines[^1].Replace("\"actor\":\"audit\"", "\"actor\":\"audiT\"", StringComparison.Ordinal);
        AuditTestLog.WriteLines(path, lines);

        var error = await Assert.ThrowsAsync<AuditLogException>(() => AuditSinks.OpenJsonlAsync(path, null, ct));

        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenJsonlAsync_SecondWriterOnTheSameFile_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _directory.File("audit.jsonl");
        await using var first = await AuditSinks.OpenJsonlAsync(path, null, ct);

        var error = await Assert.ThrowsAsync<AuditLogException>(() => AuditSinks.OpenJsonlAsync(path, null, ct));

        Assert.Contains("another writer", error.Message, StringComparison.Ordinal);
        await first.DisposeAsync();
        await using var again = await AuditSinks.OpenJsonlAsync(path, null, ct);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentWriters_OneIntactChain()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _directory.File("audit.jsonl");
        var sink = await AuditSinks.OpenJsonlAsync(path, new AuditSinkOptions { Flush = AuditFlushPolicy.OperatingSystem }, ct);
        var writer = new AuditWriter(sink, Tandem.Security.Secrets.Redactor.ShapesOnly);
        await using (writer)
        {
            var tasks = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                var written = new List<long>();
                for (var i = 0; i < 100; i++)
                {
                    written.Add((await writer.ToolCallAsync($"run_{w}", i, $"call_{w}_{i}", "echo", "{}", "ok", ct)).Sequence);
                }

                return written;
            }, ct)).ToList();
            var sequences = (await Task.WhenAll(tasks)).SelectMany(s => s).ToList();
            Assert.Equal(800, sequences.Distinct().Count());
        }

        var result = AuditVerifier.Verify(path, cancellationToken: ct);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(801, result.Records);
    }

    [Fact]
    public async Task AppendAsync_CancelledBeforeTheWrite_WritesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _directory.File("audit.jsonl");
        await using var sink = await AuditSinks.OpenJsonlAsync(path, null, ct);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await sink.AppendAsync(Record("x"), new CancellationToken(canceled: true)));

        Assert.Equal(0, new FileInfo(path).Length);
        Assert.Equal(AuditHead.Genesis, sink.Head);
    }

    [Fact]
    public async Task OpenJsonlAsync_NewFile_IsReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permissions");
            return;
        }

        var path = _directory.File("audit.jsonl");
        await using var sink = await AuditSinks.OpenJsonlAsync(path, null, TestContext.Current.CancellationToken);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    private static AuditRecord Record(string status) => new() { Event = AuditEvents.ToolCall, Actor = "agent", Status = status, Time = DateTimeOffset.UnixEpoch };
}
