namespace Tandem.Security.Audit;

/// <summary>Options of the JSONL and SQLite audit sinks.</summary>
public sealed class AuditSinkOptions
{
    /// <summary>Durability of each record; <see cref="AuditFlushPolicy.Fsync"/> by default.</summary>
    public AuditFlushPolicy Flush { get; init; } = AuditFlushPolicy.Fsync;
}
