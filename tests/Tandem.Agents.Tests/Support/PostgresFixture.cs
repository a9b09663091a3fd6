using Npgsql;
using Tandem.Agents.Tests.Support;

[assembly: AssemblyFixture(typeof(PostgresFixture))]

namespace Tandem.Agents.Tests.Support;

/// <summary>
/// A PostgreSQL database for the durability tests: <c>TANDEM_TEST_POSTGRES</c> when set (a connection
/// string), else a throwaway cluster under a temp folder on a free loopback port, started from the
/// server binaries in /usr/lib/postgresql/*/bin. The cluster starts lazily, at most once per run, on
/// the first test that asks, so runs that touch no PostgreSQL test never pay for it; it is stopped and
/// deleted when the assembly's tests end. Without either, the tests skip with the reason.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string SkipMessage = "PostgreSQL is not available: install the postgresql package (the CI script .ci/run does) or set TANDEM_TEST_POSTGRES.";
    private const string Database = "tandem_tests";

    private readonly Lazy<Task<(string? ConnectionString, string? Unavailable)>> _start;
    private PostgresCluster? _cluster;

    public PostgresFixture() => _start = new(StartAsync);

    /// <summary>The database's connection string, or the test is skipped with the reason PostgreSQL is absent.</summary>
    public async ValueTask<string> GetConnectionStringAsync()
    {
        var (connectionString, unavailable) = await _start.Value.ConfigureAwait(false);
        if (connectionString is null)
        {
            Assert.Skip($"{SkipMessage} Reason: {unavailable}");
        }

        return connectionString;
    }

    /// <summary>
    /// A connection string whose <c>search_path</c> is a new empty schema: each test gets tables of its
    /// own (created by the store on first use) without the cost of a database per test.
    /// </summary>
    public async ValueTask<string> CreateSchemaAsync()
    {
        var connectionString = await GetConnectionStringAsync().ConfigureAwait(false);

        // Identifiers cannot be SQL parameters; this one is built from hex digits only.
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Closes the idle pooled connections of <paramref name="connectionString"/>.</summary>
    public static void CloseConnections(string connectionString)
    {
        using var pooled = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(pooled);
    }

    /// <summary>Closes the pooled connections of <paramref name="schemaConnectionString"/> and drops its schema.</summary>
    public async ValueTask DropSchemaAsync(string schemaConnectionString)
    {
        CloseConnections(schemaConnectionString);

        var builder = new NpgsqlConnectionStringBuilder(schemaConnectionString);
        var schema = builder.SearchPath!;
        builder.SearchPath = null;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_cluster is { } cluster)
        {
            // Idle pooled connections would otherwise hold the server up until pg_ctl's timeout.
            NpgsqlConnection.ClearAllPools();
            await cluster.StopAsync().ConfigureAwait(false);
        }
    }

    private async Task<(string? ConnectionString, string? Unavailable)> StartAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("TANDEM_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            // Given explicitly: a server that cannot be reached is a failure, not a skip.
            return (fromEnvironment, null);
        }

        var bin = PostgresCluster.FindServerBinaries();
        if (bin is null)
        {
            return (null, "no initdb/pg_ctl under /usr/lib/postgresql/*/bin.");
        }

        string? runAs = null;
        if (Environment.IsPrivilegedProcess)
        {
            // The server refuses to run as root; it runs as the package's "postgres" user.
            if ((await PostgresCluster.RunAsync("id", ["-u", "postgres"], null, null).ConfigureAwait(false)).ExitCode != 0)
            {
                return (null, "running as root and there is no 'postgres' user to run the server as.");
            }

            runAs = "postgres";
        }

        try
        {
            _cluster = await PostgresCluster.CreateAsync(bin, runAs).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            return (null, e.Message);
        }

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = _cluster.Port,
            Username = "postgres",
            Database = "postgres",
            Pooling = false,
        };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        admin.Database = Database;
        admin.Pooling = true;
        return (admin.ConnectionString, null);
    }
}
