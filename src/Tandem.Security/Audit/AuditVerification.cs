using System.Globalization;

namespace Tandem.Security.Audit;

/// <summary>The result of <see cref="AuditVerifier"/>: valid, or the first bad record and why.</summary>
public sealed record AuditVerification
{
    public required bool IsValid { get; init; }

    /// <summary>Records that verified (all of them when valid; those before the first bad one otherwise).</summary>
    public required long Records { get; init; }

    /// <summary>The last record that verified; <see cref="AuditHead.Genesis"/> if none.</summary>
    public required AuditHead Head { get; init; }

    /// <summary>Whether the last record that verified is a seal.</summary>
    public bool Sealed { get; init; }

    public AuditFailureKind Failure { get; init; }

    /// <summary>
    /// The sequence number of the first record that cannot be trusted: the one edited, deleted, out of
    /// place or cut off (for a cut tail, the first record that is gone: the last good one plus 1).
    /// </summary>
    public long? FirstBadSequence { get; init; }

    /// <summary>The 1-based line (JSONL) or row (SQLite) where the problem showed; null if past the end.</summary>
    public long? FirstBadLine { get; init; }

    /// <summary>What is wrong, in words; names positions and hashes, never record contents.</summary>
    public string? Reason { get; init; }

    public override string ToString() => IsValid
        ? string.Create(CultureInfo.InvariantCulture, $"OK: {Records} records, {(Sealed ? "sealed" : "not sealed")}, head {Head.Sequence} {Head.Hash}")
        : string.Create(CultureInfo.InvariantCulture, $"FAILED at record {FirstBadSequence}{(FirstBadLine is { } line ? $" (line {line})" : "")}: {Failure}: {Reason}");
}
