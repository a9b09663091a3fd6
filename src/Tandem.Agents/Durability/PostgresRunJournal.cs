using System.Runtime.CompilerServices;
using Npgsql;

namespace Tandem.Agents.Durability;

/// <summary>
/// <c>postgres:CONNECTION_STRING</c> run journal. An append computes the run's next sequence and
/// inserts it in one statement and one transaction; two concurrent appenders to one run can compute
/// the same sequence, and then the primary key (run_id, sequence) refuses the second, whose append
/// retries with the new maximum. No locks are held between appends, and the entry is committed
/// durably (see <see cref="PostgresConnections.RequireDurableCommit"/>) before it is returned.
/// </summary>
/// <remarks>
/// Schema (created on first use, in the connection's first <c>search_path</c> schema):
/// <code>
/// tandem_run_journal (
///   run_id   TEXT NOT NULL,
///   sequence BIGINT NOT NULL,           -- 0, 1, 2, ... per run, no gaps
///   kind     TEXT NOT NULL,             -- JournalEntryKind name: 'RunStarted', 'RunFinished', ...
///   payload  TEXT NOT NULL,             -- JSON, opaque to the store
///   at       TIMESTAMPTZ NOT NULL,
///   PRIMARY KEY (run_id, sequence)      -- the UNIQUE(run_id, sequence) that makes a duplicate sequence impossible
/// )
/// INDEX tandem_run_journal_kind (kind, run_id)   -- ListUnfinishedAsync without a full scan
/// </code>
/// </remarks>
internal sealed class PostgresRunJournal : IRunJournal
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS tandem_run_journal (
            run_id TEXT NOT NULL,
            sequence BIGINT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (run_id, sequence)
        );
        CREATE INDEX IF NOT EXISTS tandem_run_journal_kind ON tandem_run_journal (kind, run_id);
        """;

    // Each conflict means another append to the same run committed, so the number of retries is bounded
    // by the number of concurrent appenders to one run; a run's appends are normally sequential.
    private const int MaxAttempts = 100;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SchemaGate _schema;

    public PostgresRunJournal(string connectionString, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
        _time = timeProvider ?? TimeProvider.System;
        _schema = new SchemaGate(ct => PostgresConnections.CreateSchemaAsync(_connectionString, Schema, ct));
    }

    public async ValueTask<JournalEntry> AppendAsync(string runId, JournalEntryKind kind, string payload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(payload);
        var kindName = DurabilityColumns.KindName(kind);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var at = _time.GetUtcNow().ToUniversalTime();
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var insert = new NpgsqlBatchCommand("""
                    INSERT INTO tandem_run_journal (run_id, sequence, kind, payload, at)
                    SELECT @run, COALESCE(MAX(sequence) + 1, 0), @kind, @payload, @at
                    FROM tandem_run_journal WHERE run_id = @run
                    RETURNING sequence, at
                    """);
                insert.Parameters.AddWithValue("run", runId);
                insert.Parameters.AddWithValue("kind", kindName);
                insert.Parameters.AddWithValue("payload", payload);
                insert.Parameters.AddWithValue("at", at);
                long sequence;
                await using (var batch = PostgresConnections.DurableBatch(connection, transaction, insert))
                {
                    await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    sequence = reader.GetInt64(0);

                    // As stored (microseconds), so the returned entry equals a later read.
                    at = reader.GetFieldValue<DateTimeOffset>(1);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new JournalEntry(runId, sequence, kind, payload, at);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < MaxAttempts)
            {
                // Another append to this run committed the same sequence first (the transaction above
                // rolled back on dispose): the next attempt reads the new maximum.
            }
        }
    }

    public async IAsyncEnumerable<JournalEntry> ReadAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT sequence, kind, payload, at FROM tandem_run_journal WHERE run_id = @run ORDER BY sequence", connection);
        command.Parameters.AddWithValue("run", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new JournalEntry(
                runId,
                reader.GetInt64(0),
                DurabilityColumns.ParseKind(reader.GetString(1)),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3));
        }
    }

    public async IAsyncEnumerable<string> ListUnfinishedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // Oldest start first, so a resumer picks up runs in the order they began.
        await using var command = new NpgsqlCommand("""
            SELECT s.run_id FROM tandem_run_journal AS s
            WHERE s.kind = @started
              AND NOT EXISTS (SELECT 1 FROM tandem_run_journal AS f WHERE f.kind = @finished AND f.run_id = s.run_id)
            GROUP BY s.run_id
            ORDER BY MIN(s.at), s.run_id
            """, connection);
        command.Parameters.AddWithValue("started", DurabilityColumns.KindName(JournalEntryKind.RunStarted));
        command.Parameters.AddWithValue("finished", DurabilityColumns.KindName(JournalEntryKind.RunFinished));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.GetString(0);
        }
    }

    private async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
    }
}
