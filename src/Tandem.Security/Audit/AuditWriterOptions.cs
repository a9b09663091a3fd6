namespace Tandem.Security.Audit;

/// <summary>Options of <see cref="AuditWriter"/>.</summary>
public sealed class AuditWriterOptions
{
    /// <summary>
    /// Also record the (redacted) body of model requests, not only its hash and size. Off by default:
    /// prompts and tool results are user data, and an audit trail that copies them becomes a second,
    /// longer-lived store of it.
    /// </summary>
    public bool RecordModelContent { get; init; }

    /// <summary>Write a seal record when the writer is disposed (see <see cref="AuditVerifyOptions"/>). On by default.</summary>
    public bool SealOnDispose { get; init; } = true;
}
