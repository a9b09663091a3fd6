namespace Tandem.Security.Audit;

/// <summary>
/// The end of a chain: the last record's sequence number and the SHA-256 of its line, which is the
/// <c>prev</c> the next record will carry. Kept somewhere the log's writer cannot rewrite (a run
/// journal, a ticket, another machine), it lets <see cref="AuditVerifier"/> detect a log that was
/// cut or rewritten as a whole.
/// </summary>
/// <param name="Sequence">0 for an empty log.</param>
/// <param name="Hash">Lower-case hex; <see cref="GenesisHash"/> for an empty log.</param>
public sealed record AuditHead(long Sequence, string Hash)
{
    /// <summary>The <c>prev</c> of the first record: 64 zeros, a value no line hashes to in practice.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The head of an empty log.</summary>
    public static AuditHead Genesis { get; } = new(0, GenesisHash);
}
