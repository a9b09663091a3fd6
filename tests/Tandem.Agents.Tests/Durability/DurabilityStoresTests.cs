using Tandem.Agents.Durability;
using Tandem.Agents.Tests.Support;

namespace Tandem.Agents.Tests.Durability;

public sealed class DurabilityStoresTests
{
    [Fact]
    public async Task CreateIdempotencyStore_SqliteSpec_CreatesTheFileOnFirstUse()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new SqliteTestDatabase();

        var store = DurabilityStores.CreateIdempotencyStore(database.Spec);

        Assert.IsType<SqliteIdempotencyStore>(store);
        Assert.False(File.Exists(database.Path));
        Assert.True((await store.TryClaimAsync("k", "h", ct)).Claimed);
        Assert.True(File.Exists(database.Path));
    }

    [Fact]
    public async Task CreateRunJournal_SqliteSpecSharedWithTheIdempotencyStore_BothWork()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new SqliteTestDatabase();
        var store = DurabilityStores.CreateIdempotencyStore(database.Spec);
        var journal = DurabilityStores.CreateRunJournal(database.Spec);

        await store.TryClaimAsync("k", "h", ct);
        var entry = await journal.AppendAsync("run", JournalEntryKind.RunStarted, "{}", ct);

        Assert.IsType<SqliteRunJournal>(journal);
        Assert.Equal(0, entry.Sequence);
        Assert.NotNull(await store.GetAsync("k", ct));
    }

    [Theory]
    [InlineData("postgres:Host=localhost;Database=tandem;Username=tandem;Password=secret")]
    [InlineData("POSTGRES:Host=db.internal;Port=5433")]
    [InlineData("Host=localhost;Database=tandem")]
    [InlineData("  host = localhost ; Database=tandem")]
    public void CreateIdempotencyStore_PostgresSpec_ReturnsAPostgresStoreWithoutConnecting(string spec)
    {
        Assert.IsType<PostgresIdempotencyStore>(DurabilityStores.CreateIdempotencyStore(spec));
        Assert.IsType<PostgresRunJournal>(DurabilityStores.CreateRunJournal(spec));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("agent.db")]
    [InlineData("mysql:Server=x")]
    [InlineData("sqlite:")]
    [InlineData("sqlite::memory:")]
    [InlineData("postgres:")]
    [InlineData("postgres:Database=tandem")]
    [InlineData("postgres:Host=x;NoSuchKeyword=1")]
    [InlineData("Database=tandem;Host=x")]
    public void CreateIdempotencyStore_BadSpec_ThrowsArgumentExceptionNamingTheSpec(string spec)
    {
        var e = Assert.Throws<ArgumentException>(() => DurabilityStores.CreateIdempotencyStore(spec));

        Assert.Equal("spec", e.ParamName);
        Assert.Contains($"'{spec}'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DurabilityStores.CreateRunJournal(spec));
    }

    [Fact]
    public void CreateIdempotencyStore_NullSpec_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => DurabilityStores.CreateIdempotencyStore(null!));
    }

    [Theory]
    [InlineData("postgres:Host=x;Password=hunter2;NoSuchKeyword=1")]
    [InlineData("postgres:Host=x;PASSWORD = hunter2 ;Database")]
    [InlineData("postgres:Host=x;Pwd='hunter2';Bogus=1")]
    [InlineData("postgres:Host=x;Password=\"hunter2;x\";Bogus=1")]
    [InlineData("postgres://tandem:hunter2@db/tandem")]
    [InlineData("Database=d;Password=hunter2")]
    public void CreateIdempotencyStore_BadSpecWithAPassword_MasksThePasswordInTheMessage(string spec)
    {
        var e = Assert.Throws<ArgumentException>(() => DurabilityStores.CreateIdempotencyStore(spec));

        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mask_SpecWithoutSecrets_IsUnchanged()
    {
        Assert.Equal("postgres:Host=x;Database=d;Passfile=/p", DurabilityStores.Mask("postgres:Host=x;Database=d;Passfile=/p"));
    }
}
