using System.Text;
using Microsoft.Data.Sqlite;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Server.Sessions;

/// <summary>
/// <c>--store sqlite:PATH</c>: responses survive a restart. One row per response; the events are
/// kept as newline-separated JSON (JSON text never holds a raw newline).
/// </summary>
internal sealed class SqliteResponseStore : IResponseStore, IDisposable
{
    private readonly string _connectionString;

    public SqliteResponseStore(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS responses (
                id TEXT PRIMARY KEY,
                owner TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                previous_response_id TEXT NULL,
                response_json TEXT NOT NULL,
                input_json TEXT NOT NULL,
                events TEXT NOT NULL
            );
            """;
        command.ExecuteNonQuery();
    }

    public async ValueTask SaveAsync(StoredResponse response, CancellationToken cancellationToken)
    {
        var events = new StringBuilder();
        foreach (var e in response.Events)
        {
            events.Append(Encoding.UTF8.GetString(e)).Append('\n');
        }

        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO responses (id, owner, created_at, previous_response_id, response_json, input_json, events)
            VALUES ($id, $owner, $created, $prev, $response, $input, $events);
            """;
        command.Parameters.AddWithValue("$id", response.Id);
        command.Parameters.AddWithValue("$owner", response.Owner);
        command.Parameters.AddWithValue("$created", response.Response.CreatedAt);
        command.Parameters.AddWithValue("$prev", (object?)response.PreviousResponseId ?? DBNull.Value);
        command.Parameters.AddWithValue("$response", ProtocolJson.Serialize(response.Response));
        command.Parameters.AddWithValue("$input", ProtocolJson.Serialize(response.Input.ToList()));
        command.Parameters.AddWithValue("$events", events.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<StoredResponse?> GetAsync(string id, string owner, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT response_json, input_json, events FROM responses WHERE id = $id AND owner = $owner;";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$owner", owner);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var response = ProtocolJson.Deserialize<ResponseObject>(reader.GetString(0))!;
        var input = ProtocolJson.Deserialize<List<ResponseItem>>(reader.GetString(1))!;
        var events = reader.GetString(2)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(Encoding.UTF8.GetBytes)
            .ToList();
        return new StoredResponse { Id = id, Owner = owner, Response = response, Input = input, Events = events };
    }

    public async ValueTask<bool> DeleteAsync(string id, string owner, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM responses WHERE id = $id AND owner = $owner;";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$owner", owner);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public void Dispose() => SqliteConnection.ClearAllPools();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
