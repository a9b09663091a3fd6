namespace Tandem.Security.Secrets;

/// <summary>A secrets file that cannot be used: missing, inside a repository, readable by others, or malformed. The message names the file, never a value.</summary>
public sealed class SecretFileException : Exception
{
    public SecretFileException(string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = path;
    }

    public string FilePath { get; }
}
