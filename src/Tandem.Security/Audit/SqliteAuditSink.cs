using System.Text;
using Microsoft.Data.Sqlite;

namespace Tandem.Security.Audit;

/// <summary>
/// The same chain in a SQLite table: each row holds the exact JSONL line (without newline), so a row
/// verifies exactly as a line of the file does and either can be exported to the other.
/// </summary>
/// <remarks>
/// <code>
/// tandem_audit_log (
///   seq  INTEGER PRIMARY KEY,   -- the record's own "seq"
///   line TEXT NOT NULL          -- the record's JSON line, byte for byte what is hashed
/// )
/// </code>
/// Triggers reject UPDATE and DELETE, so the table is append-only for every ordinary client; the
/// hash chain catches anyone who drops them. Each append reads the last row and inserts the next
/// inside BEGIN IMMEDIATE: the write lock serializes appenders across threads and processes, so
/// unlike the JSONL sink several processes may share one database. <c>journal_mode = WAL</c>;
/// <c>synchronous = FULL</c> under <see cref="AuditFlushPolicy.Fsync"/>, NORMAL otherwise.
/// </remarks>
internal sealed class SqliteAuditSink : IAuditSink
{
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS tandem_audit_log (
            seq INTEGER PRIMARY KEY,
            line TEXT NOT NULL
        );
        CREATE TRIGGER IF NOT EXISTS tandem_audit_log_no_update BEFORE UPDATE ON tandem_audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS tandem_audit_log_no_delete BEFORE DELETE ON tandem_audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _path;
    private readonly SqliteConnection _connection;
    private AuditHead _head;
    private bool _disposed;

    private SqliteAuditSink(string path, SqliteConnection connection, AuditHead head)
    {
        _path = path;
        _connection = connection;
        _head = head;
    }

    public AuditHead Head => Volatile.Read(ref _head);

    public static async Task<SqliteAuditSink> OpenAsync(string path, AuditSinkOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var connection = new SqliteConnection(ConnectionString(full, SqliteOpenMode.ReadWriteCreate));
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = connection.CreateCommand())
            {
                var synchronous = options.Flush == AuditFlushPolicy.Fsync ? "FULL" : "NORMAL";
                command.CommandText = $"PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous};\n{Schema}";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var head = await ReadHeadAsync(full, connection, null, cancellationToken).ConfigureAwait(false);
            return new SqliteAuditSink(full, connection, head);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static string ConnectionString(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();

    public async ValueTask<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();

            // BEGIN IMMEDIATE: the write lock is taken before the head is read (waits up to busy_timeout).
            await using var transaction = _connection.BeginTransaction(deferred: false);

            // Another process may have appended since our last write: the head is read under the lock.
            var head = await ReadHeadAsync(_path, _connection, transaction, cancellationToken).ConfigureAwait(false);
            var sequence = head.Sequence + 1;
            var (line, hash) = AuditLineFormat.Encode(record, sequence, head.Hash);
            var text = Encoding.ASCII.GetString(line, 0, line.Length - 1);
            await using (var command = _connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO tandem_audit_log (seq, line) VALUES ($seq, $line);";
                command.Parameters.AddWithValue("$seq", sequence);
                command.Parameters.AddWithValue("$line", text);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // The commit is not cancellable: the record is either fully in or fully out.
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            Volatile.Write(ref _head, new AuditHead(sequence, AuditLineFormat.LineHash(line.AsSpan(0, line.Length - 1))));
            return record with { Sequence = sequence, Prev = head.Hash, Hash = hash };
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<AuditHead> ReadHeadAsync(string path, SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, line FROM tandem_audit_log ORDER BY seq DESC LIMIT 1;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return AuditHead.Genesis;
        }

        var bytes = Encoding.UTF8.GetBytes(reader.GetString(1));
        var parsed = AuditLineFormat.TryDecode(bytes, out var hashMatches, out var error);
        if (parsed is null || !hashMatches || parsed.Seq != reader.GetInt64(0))
        {
            throw new AuditLogException(path, $"The last record of the audit database {path} is damaged ({error ?? "its hash or sequence does not match"}); run `tandem audit verify` before writing to it.");
        }

        return new AuditHead(parsed.Seq, AuditLineFormat.LineHash(bytes));
    }
}
