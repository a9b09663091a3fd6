using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Tandem.Agents.Durability;

/// <summary>
/// <c>sqlite:PATH</c> run journal. An append reads the run's last sequence and inserts the next one in
/// a single statement inside a BEGIN IMMEDIATE transaction: the write lock serialises appenders across
/// threads and processes, and <c>synchronous = FULL</c> puts the entry on disk before it returns.
/// </summary>
/// <remarks>
/// Schema (created on first use):
/// <code>
/// tandem_run_journal (
///   run_id   TEXT NOT NULL,
///   sequence INTEGER NOT NULL,          -- 0, 1, 2, ... per run, no gaps
///   kind     TEXT NOT NULL,             -- JournalEntryKind name: 'RunStarted', 'RunFinished', ...
///   payload  TEXT NOT NULL,             -- JSON, opaque to the store
///   at       INTEGER NOT NULL,          -- Unix milliseconds, UTC
///   PRIMARY KEY (run_id, sequence)      -- the UNIQUE(run_id, sequence) that makes a duplicate sequence impossible
/// )
/// INDEX tandem_run_journal_kind (kind, run_id)   -- ListUnfinishedAsync without a full scan
/// </code>
/// </remarks>
internal sealed class SqliteRunJournal : IRunJournal
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS tandem_run_journal (
            run_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (run_id, sequence)
        );
        CREATE INDEX IF NOT EXISTS tandem_run_journal_kind ON tandem_run_journal (kind, run_id);
        """;

    // SQLITE_CONSTRAINT: the (run_id, sequence) key was taken. Cannot happen under the write lock, but
    // if a foreign writer ever bypasses it the append retries with a fresh sequence instead of failing.
    private const int SqliteConstraint = 19;
    private const int MaxAttempts = 20;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SchemaGate _schema;

    public SqliteRunJournal(string path, TimeProvider? timeProvider = null)
    {
        _connectionString = SqliteConnections.ConnectionString(path);
        _time = timeProvider ?? TimeProvider.System;
        _schema = new SchemaGate(ct => SqliteConnections.CreateSchemaAsync(_connectionString, Schema, ct));
    }

    public async ValueTask<JournalEntry> AppendAsync(string runId, JournalEntryKind kind, string payload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(payload);
        var kindName = DurabilityColumns.KindName(kind);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            // Stored to the millisecond; the returned entry carries the same value a later read returns.
            var at = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
            try
            {
                await using var transaction = SqliteConnections.BeginWrite(connection);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO tandem_run_journal (run_id, sequence, kind, payload, at)
                    SELECT $run, COALESCE(MAX(sequence) + 1, 0), $kind, $payload, $at
                    FROM tandem_run_journal WHERE run_id = $run
                    RETURNING sequence;
                    """;
                command.Parameters.AddWithValue("$run", runId);
                command.Parameters.AddWithValue("$kind", kindName);
                command.Parameters.AddWithValue("$payload", payload);
                command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
                var sequence = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new JournalEntry(runId, sequence, kind, payload, at);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint && attempt < MaxAttempts)
            {
                // Another writer took the sequence: read the new maximum and try again.
            }
        }
    }

    public async IAsyncEnumerable<JournalEntry> ReadAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, kind, payload, at FROM tandem_run_journal WHERE run_id = $run ORDER BY sequence;";
        command.Parameters.AddWithValue("$run", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new JournalEntry(
                runId,
                reader.GetInt64(0),
                DurabilityColumns.ParseKind(reader.GetString(1)),
                reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
        }
    }

    public async IAsyncEnumerable<string> ListUnfinishedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();

        // Oldest start first, so a resumer picks up runs in the order they began.
        command.CommandText = """
            SELECT s.run_id FROM tandem_run_journal AS s
            WHERE s.kind = $started
              AND NOT EXISTS (SELECT 1 FROM tandem_run_journal AS f WHERE f.kind = $finished AND f.run_id = s.run_id)
            GROUP BY s.run_id
            ORDER BY MIN(s.at), s.run_id;
            """;
        command.Parameters.AddWithValue("$started", DurabilityColumns.KindName(JournalEntryKind.RunStarted));
        command.Parameters.AddWithValue("$finished", DurabilityColumns.KindName(JournalEntryKind.RunFinished));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.GetString(0);
        }
    }

    private async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
    }
}
