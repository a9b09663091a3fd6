namespace Tandem.Security.Secrets;

/// <summary>
/// Stands in for a logged exception: its message, <see cref="ToString"/> (type, message, inner
/// exceptions, stack) and stack trace are the original's, redacted. It has no inner exception and no
/// <see cref="Exception.Data"/>, so a logger that walks those cannot reach the unredacted original.
/// </summary>
internal sealed class RedactedException : Exception
{
    private readonly string _text;
    private readonly string? _stackTrace;

    private RedactedException(string message, string text, string? stackTrace, string originalType)
        : base(message)
    {
        _text = text;
        _stackTrace = stackTrace;
        OriginalType = originalType;
    }

    /// <summary>The full name of the exception it replaces.</summary>
    public string OriginalType { get; }

    public override string? StackTrace => _stackTrace;

    public static RedactedException Create(Exception exception, Redactor redactor)
    {
        if (exception is RedactedException redacted)
        {
            return redacted;
        }

        return new RedactedException(
            redactor.Redact(exception.Message),
            redactor.Redact(exception.ToString()),
            redactor.Redact(exception.StackTrace),
            exception.GetType().FullName ?? exception.GetType().Name)
        {
            HResult = exception.HResult,
        };
    }

    public override string ToString() => _text;
}
