using Tandem.Agents.Durability;
using Tandem.Agents.Tests.Support;

namespace Tandem.Agents.Tests.Durability;

public sealed class SqliteIdempotencyStoreTests : IdempotencyStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override ValueTask<IIdempotencyStore> OpenStoreAsync() =>
        ValueTask.FromResult(DurabilityStores.CreateIdempotencyStore(_database.Spec, Time));

    protected override ValueTask CloseConnectionsAsync()
    {
        _database.CloseConnections();
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _database.Dispose();
}
