using Microsoft.Data.Sqlite;
using Tandem.Security.Audit;

namespace Tandem.Security.Tests.Audit;

/// <summary>S11 for the SQLite sink: the same chain, the same verdicts, row by row.</summary>
public sealed class SqliteAuditSinkTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task VerifySqliteAsync_IntactLog_IsValid()
    {
        var ct = TestContext.Current.CancellationToken;
        var (path, head) = await WriteAsync(10, ct);

        var result = await AuditVerifier.VerifySqliteAsync(path, new AuditVerifyOptions { ExpectedHead = head }, ct);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(11, result.Records);
        Assert.True(result.Sealed);
    }

    [Fact]
    public async Task Triggers_RejectUpdateAndDelete()
    {
        var ct = TestContext.Current.CancellationToken;
        var (path, _) = await WriteAsync(3, ct);

        var update = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(path, "UPDATE tandem_audit_log SET line = 'x' WHERE seq = 1;", ct));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(path, "DELETE FROM tandem_audit_log WHERE seq = 1;", ct));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifySqliteAsync_RecordEdited_FailsAtIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var (path, _) = await WriteAsync(10, ct);
        await TamperAsync(path, "UPDATE tandem_audit_log SET line = replace(line, '\"within budget\"', '\"within budgeT\"') WHERE seq = 7;", ct);

        var result = await AuditVerifier.VerifySqliteAsync(path, null, ct);

        Assert.Equal(AuditFailureKind.Modified, result.Failure);
        Assert.Equal(7, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifySqliteAsync_RecordDeleted_FailsAtIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var (path, _) = await WriteAsync(10, ct);
        await TamperAsync(path, "DELETE FROM tandem_audit_log WHERE seq = 5;", ct);

        var result = await AuditVerifier.VerifySqliteAsync(path, null, ct);

        Assert.Equal(AuditFailureKind.Missing, result.Failure);
        Assert.Equal(5, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifySqliteAsync_TwoRecordsSwapped_FailsAtTheFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        var (path, _) = await WriteAsync(10, ct);
        await TamperAsync(path, """
            UPDATE tandem_audit_log SET seq = -4 WHERE seq = 4;
            UPDATE tandem_audit_log SET seq = 4 WHERE seq = 5;
            UPDATE tandem_audit_log SET seq = 5 WHERE seq = -4;
            """, ct);

        var result = await AuditVerifier.VerifySqliteAsync(path, null, ct);

        Assert.Equal(AuditFailureKind.Reordered, result.Failure);
        Assert.Equal(4, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifySqliteAsync_TailCut_FailsAtTheFirstRecordCut()
    {
        var ct = TestContext.Current.CancellationToken;
        var (path, head) = await WriteAsync(10, ct);
        await TamperAsync(path, "DELETE FROM tandem_audit_log WHERE seq >= 9;", ct);

        var sealCheck = await AuditVerifier.VerifySqliteAsync(path, null, ct);
        var anchorCheck = await AuditVerifier.VerifySqliteAsync(path, new AuditVerifyOptions { AllowUnsealed = true, ExpectedHead = head }, ct);

        Assert.Equal(AuditFailureKind.NotSealed, sealCheck.Failure);
        Assert.Equal(9, sealCheck.FirstBadSequence);
        Assert.Equal(AuditFailureKind.Truncated, anchorCheck.Failure);
        Assert.Equal(9, anchorCheck.FirstBadSequence);
    }

    [Fact]
    public async Task AppendAsync_TwoSinksOnOneDatabase_ShareOneChain()
    {
        // Two sinks stand for two processes: each reads the head under the write lock.
        var ct = TestContext.Current.CancellationToken;
        var path = _directory.File("audit.db");
        var options = new AuditSinkOptions { Flush = AuditFlushPolicy.OperatingSystem };
        var a = await AuditSinks.OpenSqliteAsync(path, options, ct);
        var b = await AuditSinks.OpenSqliteAsync(path, options, ct);
        await Task.WhenAll(
            Task.Run(() => AuditTestLog.WriteAsync(a, 30, seal: false, ct), ct),
            Task.Run(() => AuditTestLog.WriteAsync(b, 30, seal: false, ct), ct));

        var result = await AuditVerifier.VerifySqliteAsync(path, new AuditVerifyOptions { AllowUnsealed = true }, ct);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(60, result.Records);
    }

    [Fact]
    public async Task OpenSqliteAsync_ExistingLog_ContinuesItsChain()
    {
        var ct = TestContext.Current.CancellationToken;
        var (path, head) = await WriteAsync(3, ct);

        var sink = await AuditSinks.OpenSqliteAsync(path, null, ct);
        Assert.Equal(head, sink.Head);
        await AuditTestLog.WriteAsync(sink, 2, seal: true, ct);

        var result = await AuditVerifier.VerifySqliteAsync(path, null, ct);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(7, result.Records);
    }

    private async Task<(string Path, AuditHead Head)> WriteAsync(int records, CancellationToken ct)
    {
        var path = _directory.File("audit.db");
        var sink = await AuditSinks.OpenSqliteAsync(path, new AuditSinkOptions { Flush = AuditFlushPolicy.OperatingSystem }, ct);
        var head = await AuditTestLog.WriteAsync(sink, records, seal: true, ct);
        return (path, head);
    }

    /// <summary>What someone with write access to the file does: drop the guards, then edit.</summary>
    private static Task TamperAsync(string path, string sql, CancellationToken ct) =>
        ExecuteAsync(path, "DROP TRIGGER tandem_audit_log_no_update; DROP TRIGGER tandem_audit_log_no_delete;\n" + sql, ct);

    private static async Task ExecuteAsync(string path, string sql, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
