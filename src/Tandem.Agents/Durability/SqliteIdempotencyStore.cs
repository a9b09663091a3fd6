using Microsoft.Data.Sqlite;

namespace Tandem.Agents.Durability;

/// <summary>
/// <c>sqlite:PATH</c> idempotency store. Every write runs in a BEGIN IMMEDIATE transaction on a WAL
/// database with <c>synchronous = FULL</c> (see <see cref="SqliteConnections"/>): the write lock is a
/// file lock, so a claim is atomic across threads and processes, and it is on disk before it returns.
/// </summary>
/// <remarks>
/// Schema (created on first use):
/// <code>
/// tandem_idempotency (
///   key            TEXT PRIMARY KEY,     -- hash(run id, call id), chosen by the caller
///   arguments_hash TEXT NOT NULL,        -- of the first claim; a later claim with another hash sees this one
///   status         TEXT NOT NULL,        -- 'running' | 'completed'
///   result         TEXT NULL,            -- set by CompleteAsync
///   is_error       INTEGER NOT NULL,     -- 0 | 1
///   updated_at     INTEGER NOT NULL      -- Unix milliseconds, UTC: the claim's or the completion's time
/// )
/// </code>
/// </remarks>
internal sealed class SqliteIdempotencyStore : IIdempotencyStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS tandem_idempotency (
            key TEXT NOT NULL PRIMARY KEY,
            arguments_hash TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('running', 'completed')),
            result TEXT NULL,
            is_error INTEGER NOT NULL DEFAULT 0,
            updated_at INTEGER NOT NULL
        );
        """;

    private const string SelectColumns = "SELECT key, arguments_hash, status, result, is_error, updated_at FROM tandem_idempotency WHERE key = $key;";

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SchemaGate _schema;

    public SqliteIdempotencyStore(string path, TimeProvider? timeProvider = null)
    {
        _connectionString = SqliteConnections.ConnectionString(path);
        _time = timeProvider ?? TimeProvider.System;
        _schema = new SchemaGate(ct => SqliteConnections.CreateSchemaAsync(_connectionString, Schema, ct));
    }

    public async ValueTask<(bool Claimed, IdempotencyRecord Record)> TryClaimAsync(string key, string argumentsHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(argumentsHash);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // The insert and the read share one write transaction: no other writer (thread or process) can
        // release or complete the key between them, so the record returned is the one that won.
        await using var transaction = SqliteConnections.BeginWrite(connection);
        int inserted;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO tandem_idempotency (key, arguments_hash, status, result, is_error, updated_at)
                VALUES ($key, $hash, 'running', NULL, 0, $now)
                ON CONFLICT (key) DO NOTHING;
                """;
            insert.Parameters.AddWithValue("$key", key);
            insert.Parameters.AddWithValue("$hash", argumentsHash);
            insert.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            inserted = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var record = await ReadAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The idempotency row vanished inside its own write transaction.");
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (inserted == 1, record);
    }

    public async ValueTask CompleteAsync(string key, string result, bool isError, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(result);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();

        // Only a running claim completes: overwriting a completed result would break "a repeat returns
        // the first execution's result".
        command.CommandText = """
            UPDATE tandem_idempotency
            SET status = 'completed', result = $result, is_error = $isError, updated_at = $now
            WHERE key = $key AND status = 'running';
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$result", result);
        command.Parameters.AddWithValue("$isError", isError ? 1 : 0);
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new InvalidOperationException($"Idempotency key '{key}' has no running claim to complete (never claimed, released, or already completed).");
        }
    }

    public async ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();

        // A completed record is the proof that the side effect happened; releasing must never erase it.
        command.CommandText = "DELETE FROM tandem_idempotency WHERE key = $key AND status = 'running';";
        command.Parameters.AddWithValue("$key", key);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, key, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<IdempotencyRecord?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectColumns;
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new IdempotencyRecord(
            reader.GetString(0),
            reader.GetString(1),
            DurabilityColumns.ParseStatus(reader.GetString(2)),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetInt64(4) != 0,
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
    }
}
