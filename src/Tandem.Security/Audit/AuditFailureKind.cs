namespace Tandem.Security.Audit;

/// <summary>Why verification stopped.</summary>
public enum AuditFailureKind
{
    /// <summary>The log verified.</summary>
    None,

    /// <summary>The last line has no newline: the file was cut inside a record (or a write was torn).</summary>
    TornRecord,

    /// <summary>A line is not a well-formed record (not JSON, unknown or missing members, bad values).</summary>
    Malformed,

    /// <summary>A record's bytes do not match its own hash: it was edited.</summary>
    Modified,

    /// <summary>A later record stands where this one should: it was deleted.</summary>
    Missing,

    /// <summary>Records are out of order (swapped, moved or duplicated).</summary>
    Reordered,

    /// <summary>A record's <c>prev</c> does not match the line before it: that line was replaced with one carrying a recomputed hash.</summary>
    ChainBroken,

    /// <summary>The log does not end in a seal record: its tail may have been cut at a line boundary.</summary>
    NotSealed,

    /// <summary>The log ends before the expected head the caller anchored: its tail was cut.</summary>
    Truncated,

    /// <summary>The record at the expected head's position has another hash: the log was rewritten.</summary>
    HeadMismatch,
}
