namespace Tandem.Security.Audit;

/// <summary>
/// One audit record: who did what, in which run, turn and call, and how it ended. Written as one
/// JSON line (see <see cref="AuditRecordSchema"/>); contents such as model requests or tool
/// arguments are recorded as SHA-256 hashes, so the log proves what happened without becoming a
/// second copy of the data.
/// </summary>
/// <remarks>
/// <see cref="Sequence"/>, <see cref="Prev"/> and <see cref="Hash"/> are assigned by the sink when
/// the record is appended (the chain is the sink's to keep); <see cref="Time"/> is stamped by
/// <see cref="AuditWriter"/> from its <see cref="TimeProvider"/>. Values set by a caller for those
/// are ignored.
/// </remarks>
public sealed record AuditRecord
{
    /// <summary>Position in the log: 1, 2, 3, ... without gaps.</summary>
    public long Sequence { get; init; }

    /// <summary>When it happened, UTC.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>What happened: one of <see cref="AuditEvents"/> or another lower-case name (<c>^[a-z][a-z0-9_.]{0,63}$</c>).</summary>
    public required string Event { get; init; }

    /// <summary>Who did it: <c>agent</c>, <c>model</c>, <c>user:NAME</c>, <c>policy</c>, <c>system</c>, ...</summary>
    public required string Actor { get; init; }

    public string? RunId { get; init; }

    public int? Turn { get; init; }

    public string? CallId { get; init; }

    public string? Tool { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the tool call's arguments as the model sent them.</summary>
    public string? ArgumentsSha256 { get; init; }

    /// <summary>The outcome of a decision: <c>allow</c>, <c>deny</c>, <c>approved</c>, <c>rejected</c>, ...</summary>
    public string? Decision { get; init; }

    /// <summary>The result: <c>ok</c>, <c>error</c>, <c>timeout</c>, ...</summary>
    public string? Status { get; init; }

    /// <summary>Anything else worth keeping, as strings (so every value passes through the redactor).</summary>
    public IReadOnlyDictionary<string, string>? Details { get; init; }

    /// <summary>SHA-256 of the previous record's line (without its newline); <see cref="AuditHead.GenesisHash"/> for the first.</summary>
    public string? Prev { get; init; }

    /// <summary>SHA-256 of this record's line without its <c>hash</c> member.</summary>
    public string? Hash { get; init; }
}
