namespace Tandem.Security.Audit;

/// <summary>
/// Where audit records go. A sink owns the hash chain: it assigns each record's sequence number and
/// <c>prev</c>, computes its <c>hash</c>, and writes it in one piece. Safe for concurrent callers.
/// Components write through <see cref="AuditWriter"/> (which redacts and stamps time), not here.
/// </summary>
public interface IAuditSink : IAsyncDisposable
{
    /// <summary>The last record written (or found when the sink was opened); <see cref="AuditHead.Genesis"/> when empty.</summary>
    AuditHead Head { get; }

    /// <summary>
    /// Appends <paramref name="record"/> and returns it as written (sequence, prev and hash set).
    /// Cancellation is honoured until the write starts; a record is never half written because of it.
    /// </summary>
    ValueTask<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken);
}
