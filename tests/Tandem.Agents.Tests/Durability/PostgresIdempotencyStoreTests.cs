using Tandem.Agents.Durability;
using Tandem.Agents.Tests.Support;

namespace Tandem.Agents.Tests.Durability;

public sealed class PostgresIdempotencyStoreTests(PostgresFixture postgres) : IdempotencyStoreContractTests, IAsyncDisposable
{
    private readonly PostgresTestSchema _schema = new(postgres);

    protected override async ValueTask<IIdempotencyStore> OpenStoreAsync() =>
        DurabilityStores.CreateIdempotencyStore(await _schema.GetSpecAsync(), Time);

    protected override ValueTask CloseConnectionsAsync() => _schema.CloseConnectionsAsync();

    public ValueTask DisposeAsync() => _schema.DisposeAsync();
}
