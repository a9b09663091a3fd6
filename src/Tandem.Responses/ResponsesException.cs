using System.Globalization;
using Tandem.Responses.Protocol;

namespace Tandem.Responses;

/// <summary>
/// An error answered by the server, over HTTP or WebSocket alike: the HTTP status, the error's
/// type/code/param, the request id, and the retry and rate-limit headers. Messages never hold a key.
/// </summary>
public class ResponsesException : Exception
{
    public ResponsesException(int status, string message, string? type = null, string? code = null, string? param = null, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        ErrorType = type;
        Code = code;
        Param = param;
    }

    /// <summary>The HTTP status (or its WebSocket-envelope equivalent); 0 when the connection failed before any answer.</summary>
    public int Status { get; }

    /// <summary>The error's <c>type</c>, e.g. <c>invalid_request_error</c>.</summary>
    public string? ErrorType { get; }

    /// <summary>The error's <c>code</c>, e.g. <c>previous_response_not_found</c>.</summary>
    public string? Code { get; }

    public string? Param { get; }

    /// <summary>The <c>x-request-id</c> of the failed request, when the server gave one.</summary>
    public string? RequestId { get; init; }

    /// <summary>How long the server asked to wait (<c>retry-after-ms</c> or <c>retry-after</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public RateLimitInfo? RateLimits { get; init; }

    /// <summary>True when the turn had already streamed output before it failed.</summary>
    public bool OutputStarted { get; init; }

    public bool IsPreviousResponseNotFound => Code == ErrorCodes.PreviousResponseNotFound;

    /// <summary>Connection errors and 408, 409, 429 (but not <c>insufficient_quota</c>) and ≥ 500, as the official SDKs retry.</summary>
    public bool IsRetryable => Code != "insufficient_quota" && Status is 0 or 408 or 409 or 429 or >= 500;

    /// <summary>The same error, marked as having happened after the turn streamed output.</summary>
    internal virtual ResponsesException AfterOutput() => new(Status, Message, ErrorType, Code, Param, this)
    {
        RequestId = RequestId,
        RetryAfter = RetryAfter,
        RateLimits = RateLimits,
        OutputStarted = true,
    };

    public override string ToString() => $"{GetType().Name}: {Status} {Code ?? ErrorType}: {Message}";

    /// <summary>Builds the exception from an error object (HTTP body or WebSocket envelope) and its headers.</summary>
    internal static ResponsesException From(int status, ApiError? error, IReadOnlyDictionary<string, string>? headers, string? fallbackMessage = null, string? requestId = null, bool outputStarted = false)
    {
        var message = error?.Message is { Length: > 0 } m ? m : fallbackMessage ?? $"The server answered {status}.";
        return new ResponsesException(status, message, error?.Type, error?.Code, error?.Param)
        {
            RequestId = Header(headers, "x-request-id") ?? requestId,
            OutputStarted = outputStarted,
            RetryAfter = ParseRetryAfter(headers),
            RateLimits = RateLimitInfo.From(headers),
        };
    }

    /// <summary>
    /// From an <c>error</c> event in any of its shapes: the WebSocket envelope (<c>status</c> or
    /// <c>status_code</c>, headers nested or top-level) or the flat SSE form, which has no status —
    /// then the code decides it.
    /// </summary>
    internal static ResponsesException FromErrorEvent(ErrorEvent e, string? requestId = null, bool outputStarted = false)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in new[] { e.Headers, e.Error?.Headers })
        {
            if (source is null)
            {
                continue;
            }

            foreach (var (k, v) in source)
            {
                headers[k] = v;
            }
        }

        var error = e.Error ?? new ApiError { Code = e.Code, Message = e.Message ?? string.Empty, Param = e.Param };
        var status = e.Status ?? StatusForCode(error.Code ?? error.Type);
        return From(status, error, headers, "The server reported an error.", requestId, outputStarted);
    }

    private static int StatusForCode(string? code) => code switch
    {
        "rate_limit_exceeded" or "insufficient_quota" or "tokens" or "requests" => 429,
        "invalid_api_key" => 401,
        null or "server_error" or "internal_error" => 500,
        _ when code.StartsWith("invalid", StringComparison.Ordinal) || code.EndsWith("_not_found", StringComparison.Ordinal) || code.EndsWith("limit_reached", StringComparison.Ordinal) => 400,
        _ => 500,
    };

    internal static TimeSpan? ParseRetryAfter(IReadOnlyDictionary<string, string>? headers)
    {
        if (Header(headers, "retry-after-ms") is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var msValue) && msValue >= 0)
        {
            return TimeSpan.FromMilliseconds(msValue);
        }

        if (Header(headers, "retry-after") is { } s)
        {
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }

    internal static string? Header(IReadOnlyDictionary<string, string>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var v) ? v : null;
}
