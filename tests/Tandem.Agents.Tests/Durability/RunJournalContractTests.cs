using Microsoft.Extensions.Time.Testing;
using Tandem.Agents.Durability;

namespace Tandem.Agents.Tests.Durability;

/// <summary>The <see cref="IRunJournal"/> contract, run against every engine by a subclass.</summary>
public abstract class RunJournalContractTests
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero));

    /// <summary>A new journal instance over this test's database; a second call opens the same database again.</summary>
    protected abstract ValueTask<IRunJournal> OpenJournalAsync();

    /// <summary>Closes pooled connections, so that the next journal really reopens the database.</summary>
    protected abstract ValueTask CloseConnectionsAsync();

    [Fact]
    public async Task AppendAsync_FirstEntryOfARun_HasSequenceZero()
    {
        var ct = TestContext.Current.CancellationToken;
        var journal = await OpenJournalAsync();

        var entry = await journal.AppendAsync("run-1", JournalEntryKind.RunStarted, """{"model":"m"}""", ct);

        Assert.Equal(new JournalEntry("run-1", 0, JournalEntryKind.RunStarted, """{"model":"m"}""", Time.GetUtcNow()), entry);
    }

    [Fact]
    public async Task ReadAsync_SeveralEntries_ReturnsThemInSequenceOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        var journal = await OpenJournalAsync();
        var appended = new List<JournalEntry>();
        foreach (var kind in Enum.GetValues<JournalEntryKind>())
        {
            appended.Add(await journal.AppendAsync("run-1", kind, $$"""{"kind":"{{kind}}"}""", ct));
            Time.Advance(TimeSpan.FromMilliseconds(10));
        }

        var read = await journal.ReadAsync("run-1", ct).ToListAsync(ct);

        Assert.Equal(appended, read);
        Assert.Equal(Enumerable.Range(0, appended.Count).Select(i => (long)i), read.Select(e => e.Sequence));
    }

    [Fact]
    public async Task AppendAsync_TwoTasksFiftyEachConcurrently_AssignsSequencesZeroToNinetyNine()
    {
        var ct = TestContext.Current.CancellationToken;

        // Two journal instances, as if two processes appended to one run.
        var journals = new[] { await OpenJournalAsync(), await OpenJournalAsync() };
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = journals.Select((journal, w) => Task.Run(
            async () =>
            {
                await go.Task;
                var sequences = new List<long>();
                for (var i = 0; i < 50; i++)
                {
                    sequences.Add((await journal.AppendAsync("shared-run", JournalEntryKind.ToolResult, $"w{w}-{i}", ct)).Sequence);
                }

                return sequences;
            },
            ct)).ToList();
        go.SetResult();
        var returned = await Task.WhenAll(writers);

        Assert.All(returned, sequences => Assert.Equal(sequences.Order(), sequences));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), returned.SelectMany(s => s).Order());
        var read = await journals[0].ReadAsync("shared-run", ct).ToListAsync(ct);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), read.Select(e => e.Sequence));
        Assert.Equal(100, read.Select(e => e.Payload).Distinct().Count());
    }

    [Fact]
    public async Task AppendAsync_TwoRuns_NumberTheirEntriesIndependently()
    {
        var ct = TestContext.Current.CancellationToken;
        var journal = await OpenJournalAsync();

        await journal.AppendAsync("a", JournalEntryKind.RunStarted, "{}", ct);
        await journal.AppendAsync("a", JournalEntryKind.InputItems, "[]", ct);
        var firstOfB = await journal.AppendAsync("b", JournalEntryKind.RunStarted, "{}", ct);
        var thirdOfA = await journal.AppendAsync("a", JournalEntryKind.TurnCompleted, "{}", ct);

        Assert.Equal(0, firstOfB.Sequence);
        Assert.Equal(2, thirdOfA.Sequence);
    }

    [Fact]
    public async Task ReadAsync_UnknownRun_ReturnsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var journal = await OpenJournalAsync();
        await journal.AppendAsync("other", JournalEntryKind.RunStarted, "{}", ct);

        Assert.Empty(await journal.ReadAsync("unknown", ct).ToListAsync(ct));
    }

    [Fact]
    public async Task ListUnfinishedAsync_MixedRuns_ListsStartedRunsWithoutAFinishOldestFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        var journal = await OpenJournalAsync();
        await journal.AppendAsync("late", JournalEntryKind.InputItems, "[]", ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await journal.AppendAsync("unfinished-1", JournalEntryKind.RunStarted, "{}", ct);
        await journal.AppendAsync("unfinished-1", JournalEntryKind.TurnCompleted, "{}", ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await journal.AppendAsync("finished", JournalEntryKind.RunStarted, "{}", ct);
        await journal.AppendAsync("finished", JournalEntryKind.RunFinished, "{}", ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await journal.AppendAsync("late", JournalEntryKind.RunStarted, "{}", ct);
        await journal.AppendAsync("no-start", JournalEntryKind.ToolResult, "{}", ct);

        var unfinished = await journal.ListUnfinishedAsync(ct).ToListAsync(ct);

        Assert.Equal(["unfinished-1", "late"], unfinished);
    }

    [Fact]
    public async Task ListUnfinishedAsync_EmptyJournal_ReturnsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var journal = await OpenJournalAsync();

        Assert.Empty(await journal.ListUnfinishedAsync(ct).ToListAsync(ct));
    }

    [Fact]
    public async Task AppendAsync_EmptyRunId_ThrowsArgumentException()
    {
        var ct = TestContext.Current.CancellationToken;
        var journal = await OpenJournalAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await journal.AppendAsync("", JournalEntryKind.RunStarted, "{}", ct));
    }

    [Fact]
    public async Task ReadAsync_NewJournalInstanceOnTheSameDatabase_ReturnsTheEntriesAndAppendingContinues()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = await OpenJournalAsync();
        var written = new List<JournalEntry>
        {
            await before.AppendAsync("run", JournalEntryKind.RunStarted, "{}", ct),
            await before.AppendAsync("run", JournalEntryKind.InputItems, "[1]", ct),
        };
        await CloseConnectionsAsync();

        var after = await OpenJournalAsync();

        Assert.Equal(written, await after.ReadAsync("run", ct).ToListAsync(ct));
        Assert.Equal(["run"], await after.ListUnfinishedAsync(ct).ToListAsync(ct));
        Assert.Equal(2, (await after.AppendAsync("run", JournalEntryKind.RunFinished, "{}", ct)).Sequence);
        Assert.Empty(await after.ListUnfinishedAsync(ct).ToListAsync(ct));
    }
}
