namespace Tandem.Security.Audit;

/// <summary>How far a record travels before <see cref="IAuditSink.AppendAsync"/> returns.</summary>
public enum AuditFlushPolicy
{
    /// <summary>
    /// fsync after every record (SQLite: <c>synchronous = FULL</c>): the record survives a power
    /// loss. The default — an audit trail that loses its last entries exactly when something went
    /// wrong is of little use, and one fsync is small next to the model turn or tool call it records.
    /// </summary>
    Fsync,

    /// <summary>
    /// Hand every record to the operating system (no fsync): it survives a crash of the process but
    /// not of the machine. For high-volume, low-value logs (tests, benchmarks).
    /// </summary>
    OperatingSystem,
}
