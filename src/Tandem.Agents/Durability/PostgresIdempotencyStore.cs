using Npgsql;

namespace Tandem.Agents.Durability;

/// <summary>
/// <c>postgres:CONNECTION_STRING</c> idempotency store. A claim is <c>INSERT ... ON CONFLICT (key) DO
/// NOTHING RETURNING</c>: the primary key makes exactly one inserter win, across connections and
/// processes; a loser waits for the winner's commit and then reads the winner's row. Every write
/// commits durably (see <see cref="PostgresConnections.RequireDurableCommit"/>).
/// </summary>
/// <remarks>
/// Schema (created on first use, in the connection's first <c>search_path</c> schema):
/// <code>
/// tandem_idempotency (
///   key            TEXT PRIMARY KEY,        -- hash(run id, call id), chosen by the caller
///   arguments_hash TEXT NOT NULL,           -- of the first claim; a later claim with another hash sees this one
///   status         TEXT NOT NULL,           -- 'running' | 'completed'
///   result         TEXT NULL,               -- set by CompleteAsync
///   is_error       BOOLEAN NOT NULL,
///   updated_at     TIMESTAMPTZ NOT NULL     -- the claim's or the completion's time
/// )
/// </code>
/// </remarks>
internal sealed class PostgresIdempotencyStore : IIdempotencyStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS tandem_idempotency (
            key TEXT NOT NULL PRIMARY KEY,
            arguments_hash TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('running', 'completed')),
            result TEXT NULL,
            is_error BOOLEAN NOT NULL DEFAULT FALSE,
            updated_at TIMESTAMPTZ NOT NULL
        );
        """;

    private const string Columns = "key, arguments_hash, status, result, is_error, updated_at";

    // A claim retries only when the row it lost to was released between its INSERT and its SELECT.
    private const int MaxAttempts = 16;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SchemaGate _schema;

    public PostgresIdempotencyStore(string connectionString, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
        _time = timeProvider ?? TimeProvider.System;
        _schema = new SchemaGate(ct => PostgresConnections.CreateSchemaAsync(_connectionString, Schema, ct));
    }

    public async ValueTask<(bool Claimed, IdempotencyRecord Record)> TryClaimAsync(string key, string argumentsHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(argumentsHash);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var insert = new NpgsqlBatchCommand($"""
                INSERT INTO tandem_idempotency ({Columns})
                VALUES (@key, @hash, 'running', NULL, FALSE, @now)
                ON CONFLICT (key) DO NOTHING
                RETURNING {Columns}
                """);
            insert.Parameters.AddWithValue("key", key);
            insert.Parameters.AddWithValue("hash", argumentsHash);
            insert.Parameters.AddWithValue("now", _time.GetUtcNow().ToUniversalTime());
            IdempotencyRecord? claimed;
            await using (var batch = PostgresConnections.DurableBatch(connection, transaction, insert))
            {
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                claimed = await ReadRecordAsync(reader, cancellationToken).ConfigureAwait(false);
            }

            if (claimed is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (true, claimed);
            }

            // ON CONFLICT waited for the winning insert to commit; under READ COMMITTED this new statement
            // sees that row.
            var existing = await ReadAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return (false, existing);
            }
        }

        throw new InvalidOperationException($"Idempotency key '{key}' was claimed and released {MaxAttempts} times while this caller tried to claim it.");
    }

    public async ValueTask CompleteAsync(string key, string result, bool isError, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(result);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Only a running claim completes: overwriting a completed result would break "a repeat returns
        // the first execution's result".
        var update = new NpgsqlBatchCommand("""
            UPDATE tandem_idempotency
            SET status = 'completed', result = @result, is_error = @isError, updated_at = @now
            WHERE key = @key AND status = 'running'
            """);
        update.Parameters.AddWithValue("key", key);
        update.Parameters.AddWithValue("result", result);
        update.Parameters.AddWithValue("isError", isError);
        update.Parameters.AddWithValue("now", _time.GetUtcNow().ToUniversalTime());
        await using (var batch = PostgresConnections.DurableBatch(connection, transaction, update))
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (update.RecordsAffected == 0)
        {
            throw new InvalidOperationException($"Idempotency key '{key}' has no running claim to complete (never claimed, released, or already completed).");
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // A completed record is the proof that the side effect happened; releasing must never erase it.
        var delete = new NpgsqlBatchCommand("DELETE FROM tandem_idempotency WHERE key = @key AND status = 'running'");
        delete.Parameters.AddWithValue("key", key);
        await using (var batch = PostgresConnections.DurableBatch(connection, transaction, delete))
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, key, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<IdempotencyRecord?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM tandem_idempotency WHERE key = @key", connection, transaction);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadRecordAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<IdempotencyRecord?> ReadRecordAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new IdempotencyRecord(
            reader.GetString(0),
            reader.GetString(1),
            DurabilityColumns.ParseStatus(reader.GetString(2)),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetBoolean(4),
            reader.GetFieldValue<DateTimeOffset>(5));
    }
}
