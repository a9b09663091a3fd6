using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Tandem.Security.Audit;

/// <summary>
/// Checks an audit log end to end and names the first record that cannot be trusted (S11): an edited
/// byte, a deleted record, reordered records, a cut tail. See <see cref="AuditVerifyOptions"/> for how
/// a tail cut at a line boundary is caught (seal by default; an anchored head for full strength).
/// </summary>
public static class AuditVerifier
{
    /// <summary>Verifies a JSONL log, reading it once, front to back (logs of any size; one line in memory at a time).</summary>
    public static AuditVerification Verify(string path, AuditVerifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var checker = new AuditChainChecker(options ?? new AuditVerifyOptions());
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        var buffer = new byte[1 << 16];
        var pending = new ArrayBufferWriter<byte>();
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var span = buffer.AsSpan(0, read);
            while (true)
            {
                var newline = span.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    pending.Write(span);
                    break;
                }

                if (pending.WrittenCount == 0)
                {
                    checker.Add(span[..newline], terminated: true);
                }
                else
                {
                    pending.Write(span[..newline]);
                    checker.Add(pending.WrittenSpan, terminated: true);
                    pending.ResetWrittenCount();
                }

                if (!checker.WantsMore)
                {
                    return checker.Complete();
                }

                span = span[(newline + 1)..];
            }
        }

        if (pending.WrittenCount > 0)
        {
            checker.Add(pending.WrittenSpan, terminated: false);
        }

        return checker.Complete();
    }

    /// <summary>Verifies the chain in a database written by the SQLite sink, in <c>seq</c> order.</summary>
    public static async Task<AuditVerification> VerifySqliteAsync(string path, AuditVerifyOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("No audit database at " + path, path);
        }

        var checker = new AuditChainChecker(options ?? new AuditVerifyOptions());
        await using var connection = new SqliteConnection(SqliteAuditSink.ConnectionString(Path.GetFullPath(path), SqliteOpenMode.ReadOnly));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT line FROM tandem_audit_log ORDER BY seq;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (checker.WantsMore && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var line = reader.IsDBNull(0) ? [] : Encoding.UTF8.GetBytes(reader.GetString(0));
            checker.Add(line, terminated: true);
        }

        return checker.Complete();
    }
}
