using Microsoft.Data.Sqlite;
using Tandem.Agents.Durability;

namespace Tandem.Agents.Tests.Support;

/// <summary>A SQLite database file in a temp folder of its own, deleted on dispose.</summary>
public sealed class SqliteTestDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tandem-durability-").FullName;

    /// <summary>In a sub-folder that does not exist yet: the stores create it.</summary>
    public string Path => System.IO.Path.Combine(_folder, "state", "agent.db");

    public string Spec => "sqlite:" + Path;

    /// <summary>Closes the pooled connections to the file, so that the next store opens it from disk.</summary>
    public void CloseConnections()
    {
        using var connection = new SqliteConnection(SqliteConnections.ConnectionString(Path));
        SqliteConnection.ClearPool(connection);
    }

    public void Dispose()
    {
        CloseConnections();
        Directory.Delete(_folder, recursive: true);
    }
}
