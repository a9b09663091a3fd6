namespace Tandem.Agents.Durability;

/// <summary>
/// The append-only log of a run, enough to rebuild it after the process died: what was sent, what
/// came back, which tools finished. An append returns only once the entry is durable.
/// </summary>
public interface IRunJournal
{
    /// <summary>Appends an entry; its sequence number is the next of the run's.</summary>
    ValueTask<JournalEntry> AppendAsync(string runId, JournalEntryKind kind, string payload, CancellationToken cancellationToken);

    IAsyncEnumerable<JournalEntry> ReadAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Runs with a RunStarted and no RunFinished entry (candidates for resume).</summary>
    IAsyncEnumerable<string> ListUnfinishedAsync(CancellationToken cancellationToken);
}
