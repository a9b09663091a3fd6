namespace Tandem.Security.Audit;

/// <summary>
/// How strictly <see cref="AuditVerifier"/> checks the end of a log. A hash chain shows edits,
/// deletions and reordering by itself, but not a tail cut exactly at a line boundary: the records
/// left over still chain. Two checks close that gap:
/// <list type="number">
/// <item>The seal (default): <see cref="AuditWriter"/> ends every session with a <c>seal</c> record, so
/// a closed log that does not end in one lost its tail. A log still being written, or whose writer
/// crashed, is unsealed too — verify it with <see cref="AllowUnsealed"/>.</item>
/// <item>The anchor (<see cref="ExpectedHead"/>): a head saved outside the file (from
/// <see cref="IAuditSink.Head"/>). This is the only check that also holds against someone who can
/// rewrite the whole file — a SHA-256 chain has no key, so such a person can recompute it, seal
/// included; what they cannot do is change a hash kept elsewhere.</item>
/// </list>
/// </summary>
public sealed class AuditVerifyOptions
{
    /// <summary>Accept a log that does not end in a seal record (a live log, or one whose writer crashed).</summary>
    public bool AllowUnsealed { get; init; }

    /// <summary>A head recorded earlier: the log must still contain that record, with that hash.</summary>
    public AuditHead? ExpectedHead { get; init; }
}
