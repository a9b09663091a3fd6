namespace Tandem.Security.Audit;

/// <summary>Opens the audit sinks Tandem ships.</summary>
public static class AuditSinks
{
    /// <summary>
    /// An append-only JSONL file (created 0600 if missing; an existing file's chain continues).
    /// One writer per file: a second open — in any process — fails with <see cref="AuditLogException"/>.
    /// </summary>
    public static Task<IAuditSink> OpenJsonlAsync(string path, AuditSinkOptions? options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IAuditSink>(JsonlAuditSink.Open(path, options ?? new AuditSinkOptions()));
    }

    /// <summary>A SQLite database holding the same chain; several processes may append to one database.</summary>
    public static async Task<IAuditSink> OpenSqliteAsync(string path, AuditSinkOptions? options, CancellationToken cancellationToken) =>
        await SqliteAuditSink.OpenAsync(path, options ?? new AuditSinkOptions(), cancellationToken).ConfigureAwait(false);
}
