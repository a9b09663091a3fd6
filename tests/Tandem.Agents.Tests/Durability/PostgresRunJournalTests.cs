using Tandem.Agents.Durability;
using Tandem.Agents.Tests.Support;

namespace Tandem.Agents.Tests.Durability;

public sealed class PostgresRunJournalTests(PostgresFixture postgres) : RunJournalContractTests, IAsyncDisposable
{
    private readonly PostgresTestSchema _schema = new(postgres);

    protected override async ValueTask<IRunJournal> OpenJournalAsync() =>
        DurabilityStores.CreateRunJournal(await _schema.GetSpecAsync(), Time);

    protected override ValueTask CloseConnectionsAsync() => _schema.CloseConnectionsAsync();

    public ValueTask DisposeAsync() => _schema.DisposeAsync();
}
