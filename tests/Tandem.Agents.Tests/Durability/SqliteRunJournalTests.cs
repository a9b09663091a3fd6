using Tandem.Agents.Durability;
using Tandem.Agents.Tests.Support;

namespace Tandem.Agents.Tests.Durability;

public sealed class SqliteRunJournalTests : RunJournalContractTests, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override ValueTask<IRunJournal> OpenJournalAsync() =>
        ValueTask.FromResult(DurabilityStores.CreateRunJournal(_database.Spec, Time));

    protected override ValueTask CloseConnectionsAsync()
    {
        _database.CloseConnections();
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _database.Dispose();
}
