namespace Tandem.Responses;

/// <summary>The connection failed or closed before the response ended (status 0: retryable).</summary>
public sealed class ResponsesConnectionException : ResponsesException
{
    public ResponsesConnectionException(string message, Exception? inner = null)
        : base(0, message, "connection_error", "connection_error", null, inner)
    {
    }

    /// <summary>Stays a connection error after output: callers tell a broken stream from a server error by type.</summary>
    internal override ResponsesException AfterOutput() => new ResponsesConnectionException(Message, this)
    {
        RequestId = RequestId,
        RetryAfter = RetryAfter,
        RateLimits = RateLimits,
        OutputStarted = true,
    };
}
