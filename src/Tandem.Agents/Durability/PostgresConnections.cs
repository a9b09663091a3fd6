using Npgsql;

namespace Tandem.Agents.Durability;

/// <summary>
/// What the PostgreSQL stores share: connections from Npgsql's pool (one per connection string,
/// process-wide, so stores need no disposal), durable commits, and race-free schema creation.
/// </summary>
internal static class PostgresConnections
{
    /// <summary>
    /// Raises <c>synchronous_commit</c> to <c>on</c> for the current transaction only when the server or
    /// role runs with <c>off</c>, where a commit may be acknowledged before it is flushed: S14 needs a claim
    /// and a result on disk before the caller acts. Stronger settings (<c>remote_apply</c>, ...) are kept.
    /// </summary>
    public const string RequireDurableCommit =
        "SELECT set_config('synchronous_commit', 'on', true) WHERE current_setting('synchronous_commit') = 'off'";

    // pg_advisory_xact_lock key ("TandemDu" in ASCII): serialises the CREATE ... IF NOT EXISTS of
    // concurrent first uses, which PostgreSQL does not make race-free (two creators of one table can
    // fail with a unique violation on pg_type).
    private const long SchemaLockKey = 0x54616E64656D4475;

    public static async ValueTask<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static async Task CreateSchemaAsync(string connectionString, string schema, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", SchemaLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var command = new NpgsqlCommand(schema, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A batch whose first command makes the transaction's commit durable (see <see cref="RequireDurableCommit"/>).</summary>
    public static NpgsqlBatch DurableBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlBatchCommand command)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(RequireDurableCommit));
        batch.BatchCommands.Add(command);
        return batch;
    }
}
