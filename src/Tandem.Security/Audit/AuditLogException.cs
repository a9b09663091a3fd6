namespace Tandem.Security.Audit;

/// <summary>An audit log that cannot be written safely: damaged, held by another writer, or after a failed write.</summary>
public sealed class AuditLogException : Exception
{
    public AuditLogException(string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        LogPath = path;
    }

    /// <summary>The log file or database.</summary>
    public string LogPath { get; }
}
