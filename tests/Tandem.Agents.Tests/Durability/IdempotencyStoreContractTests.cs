using Microsoft.Extensions.Time.Testing;
using Tandem.Agents.Durability;

namespace Tandem.Agents.Tests.Durability;

/// <summary>
/// The <see cref="IIdempotencyStore"/> contract (security checklist S14), run against every engine by
/// a subclass that says how to open a store over a database of its own.
/// </summary>
public abstract class IdempotencyStoreContractTests
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero));

    /// <summary>A new store instance over this test's database; a second call opens the same database again.</summary>
    protected abstract ValueTask<IIdempotencyStore> OpenStoreAsync();

    /// <summary>Closes pooled connections, so that the next store really reopens the database.</summary>
    protected abstract ValueTask CloseConnectionsAsync();

    [Fact]
    public async Task TryClaimAsync_NewKey_ClaimsARunningRecord()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await OpenStoreAsync();

        var (claimed, record) = await store.TryClaimAsync("run-1/call-1", "hash-a", ct);

        Assert.True(claimed);
        Assert.Equal(new IdempotencyRecord("run-1/call-1", "hash-a", IdempotencyStatus.Running, null, false, Time.GetUtcNow()), record);
    }

    [Fact]
    public async Task TryClaimAsync_KeyAlreadyClaimed_ReturnsTheExistingRecordUnclaimed()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await OpenStoreAsync();
        var (_, first) = await store.TryClaimAsync("k", "hash-a", ct);
        Time.Advance(TimeSpan.FromSeconds(1));

        var (claimed, second) = await store.TryClaimAsync("k", "hash-a", ct);

        Assert.False(claimed);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task CompleteAsync_ClaimedKey_GetReturnsTheCompletedResult()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await OpenStoreAsync();
        await store.TryClaimAsync("k", "hash-a", ct);
        Time.Advance(TimeSpan.FromSeconds(2));

        await store.CompleteAsync("k", """{"ok":true}""", isError: false, ct);

        var record = await store.GetAsync("k", ct);
        Assert.Equal(new IdempotencyRecord("k", "hash-a", IdempotencyStatus.Completed, """{"ok":true}""", false, Time.GetUtcNow()), record);
    }

    [Fact]
    public async Task CompleteAsync_ErrorResult_RecordsIsError()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await OpenStoreAsync();
        await store.TryClaimAsync("k", "hash-a", ct);

        await store.CompleteAsync("k", "boom", isError: true, ct);

        var record = await store.GetAsync("k", ct);
        Assert.NotNull(record);
        Assert.True(record.IsError);
        Assert.Equal("boom", record.Result);
    }

    [Fact]
    public async Task TryClaimAsync_CompletedKey_ReturnsTheStoredResultUnclaimed()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await OpenStoreAsync();
        await store.TryClaimAsync("k", "hash-a", ct);
        await store.CompleteAsync("k", "first result", isError: false, ct);

        var (claimed, record) = await store.TryClaimAsync("k", "hash-a", ct);

        Assert.False(claimed);
        Assert.Equal(IdempotencyStatus.Completed, record.Status);
        Assert.Equal("first result", record.Result);
    }

    [Fact]
    public async Task TryClaimAsync_TwentyConcurrentCallers_ExactlyOneClaims()
    {
        var ct = TestContext.Current.CancellationToken;

        // One store instance per caller, as if each were its own process, all racing on first use too.
        var stores = new List<IIdempotencyStore>();
        for (var i = 0; i < 20; i++)
        {
            stores.Add(await OpenStoreAsync());
        }

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = stores.Select((store, i) => Task.Run(
            async () =>
            {
                await go.Task;
                return await store.TryClaimAsync("contended", $"hash-{i}", ct);
            },
            ct)).ToList();
        go.SetResult();
        var results = await Task.WhenAll(callers);

        var winner = Assert.Single(results, r => r.Claimed);
        Assert.All(results, r => Assert.Equal(winner.Record.ArgumentsHash, r.Record.ArgumentsHash));
        Assert.All(results, r => Assert.Equal(IdempotencyStatus.Running, r.Record.Status));
    }

    [Fact]
    public async Task TryClaimAsync_DifferentArgumentsHashUnderTheSameKey_ReturnsTheRecordWithTheFirstHash()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await OpenStoreAsync();
        await store.TryClaimAsync("k", "hash-first", ct);

        var (claimed, record) = await store.TryClaimAsync("k", "hash-other", ct);

        // The caller sees the mismatch and refuses the call (S14); the store never replaces the first hash.
        Assert.False(claimed);
        Assert.Equal("hash-first", record.ArgumentsHash);
        Assert.Equal("hash-first", (await store.GetAsync("k", ct))?.ArgumentsHash);
    }

    [Fact]
    public async Task ReleaseAsync_RunningClaim_LetsTheKeyBeClaimedAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await OpenStoreAsync();
        await store.TryClaimAsync("k", "hash-a", ct);

        await store.ReleaseAsync("k", ct);

        Assert.Null(await store.GetAsync("k", ct));
        var (claimed, record) = await store.TryClaimAsync("k", "hash-b", ct);
        Assert.True(claimed);
        Assert.Equal("hash-b", record.ArgumentsHash);
    }

    [Fact]
    public async Task ReleaseAsync_CompletedRecord_KeepsTheResult()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await OpenStoreAsync();
        await store.TryClaimAsync("k", "hash-a", ct);
        await store.CompleteAsync("k", "done", isError: false, ct);

        await store.ReleaseAsync("k", ct);

        var (claimed, record) = await store.TryClaimAsync("k", "hash-a", ct);
        Assert.False(claimed);
        Assert.Equal("done", record.Result);
    }

    [Fact]
    public async Task ReleaseAsync_UnknownKey_DoesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await OpenStoreAsync();

        await store.ReleaseAsync("never-claimed", ct);

        Assert.Null(await store.GetAsync("never-claimed", ct));
    }

    [Fact]
    public async Task CompleteAsync_UnclaimedKey_ThrowsInvalidOperation()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await OpenStoreAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CompleteAsync("never-claimed", "x", isError: false, ct));
        Assert.Null(await store.GetAsync("never-claimed", ct));
    }

    [Fact]
    public async Task CompleteAsync_AlreadyCompleted_ThrowsAndKeepsTheFirstResult()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await OpenStoreAsync();
        await store.TryClaimAsync("k", "hash-a", ct);
        await store.CompleteAsync("k", "first", isError: false, ct);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CompleteAsync("k", "second", isError: true, ct));

        var record = await store.GetAsync("k", ct);
        Assert.Equal("first", record?.Result);
        Assert.False(record?.IsError);
    }

    [Fact]
    public async Task GetAsync_UnknownKey_ReturnsNull()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await OpenStoreAsync();

        Assert.Null(await store.GetAsync("unknown", ct));
    }

    [Fact]
    public async Task TryClaimAsync_EmptyKey_ThrowsArgumentException()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await OpenStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TryClaimAsync("", "hash-a", ct));
    }

    [Fact]
    public async Task GetAsync_NewStoreInstanceOnTheSameDatabase_SeesEarlierClaimsAndResults()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = await OpenStoreAsync();
        await before.TryClaimAsync("completed", "hash-a", ct);
        await before.CompleteAsync("completed", "result", isError: false, ct);
        await before.TryClaimAsync("running", "hash-b", ct);
        await CloseConnectionsAsync();

        var after = await OpenStoreAsync();

        Assert.Equal(new IdempotencyRecord("completed", "hash-a", IdempotencyStatus.Completed, "result", false, Time.GetUtcNow()), await after.GetAsync("completed", ct));
        var (claimed, record) = await after.TryClaimAsync("running", "hash-b", ct);
        Assert.False(claimed);
        Assert.Equal(IdempotencyStatus.Running, record.Status);
    }
}
