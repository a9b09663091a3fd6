namespace Tandem.Agents.Tests.Support;

/// <summary>
/// A schema of its own for one test, created on first use (when PostgreSQL is unavailable, that first
/// use skips the test) and dropped on dispose.
/// </summary>
public sealed class PostgresTestSchema(PostgresFixture postgres) : IAsyncDisposable
{
    private Task<string>? _connectionString;

    public async ValueTask<string> GetSpecAsync()
    {
        // Assigned before the first await, so concurrent first calls share one schema.
        _connectionString ??= postgres.CreateSchemaAsync().AsTask();
        return "postgres:" + await _connectionString.ConfigureAwait(false);
    }

    public async ValueTask CloseConnectionsAsync()
    {
        if (_connectionString is { IsCompletedSuccessfully: true })
        {
            PostgresFixture.CloseConnections(await _connectionString.ConfigureAwait(false));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connectionString is { IsCompletedSuccessfully: true })
        {
            await postgres.DropSchemaAsync(await _connectionString.ConfigureAwait(false)).ConfigureAwait(false);
        }
    }
}
