using Microsoft.Data.Sqlite;

namespace Tandem.Agents.Durability;

/// <summary>
/// Opens connections to a durability database file with the settings every statement relies on.
/// <list type="bullet">
/// <item><c>journal_mode = WAL</c> (persistent in the file, set once at creation): readers never block
/// the writer, and the single writer lock is a file lock, so atomicity holds across processes.</item>
/// <item><c>synchronous = FULL</c> (per connection, so set on every open): in WAL mode NORMAL survives a
/// process crash but may lose the last commits on power loss; FULL fsyncs the WAL at every commit, so
/// a claim or a journal entry is on disk before the caller acts on it (S14). The cost is one fsync per
/// write, small next to a model turn or a tool call.</item>
/// <item><c>busy_timeout</c> (per connection): a writer waits for the write lock held by another thread
/// or process instead of failing at once with SQLITE_BUSY.</item>
/// </list>
/// </summary>
internal static class SqliteConnections
{
    public static string ConnectionString(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    public static async ValueTask<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Switches the file to WAL and runs <paramref name="schema"/> (idempotent DDL).</summary>
    public static async Task CreateSchemaAsync(string connectionString, string schema, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;\n" + schema;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>BEGIN IMMEDIATE: takes the write lock before the first read, so a read-then-write is one atomic step.</summary>
    public static SqliteTransaction BeginWrite(SqliteConnection connection) => connection.BeginTransaction(deferred: false);
}
