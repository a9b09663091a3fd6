using Tandem.Responses.Auth;

namespace Tandem.Responses.Resilience;

/// <summary>
/// The retry rules of the official SDKs, plus key failover: connection errors, 408, 409, 429 and
/// ≥ 500 are retried with backoff min(0.5·2^n, 8) s and jitter, or after the server's Retry-After
/// when it is at most <see cref="ResponsesClientOptions.MaxRetryAfter"/>; <c>insufficient_quota</c>
/// never; a 401 once on the same key, then on the next healthy key.
/// </summary>
internal sealed class RetryPolicy(ResponsesClientOptions options, ApiKeyPool keys)
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(8);

    public RetryDecision Decide(Exception error, CallState state)
    {
        if (error is not ResponsesException ex)
        {
            return RetryDecision.No;
        }

        if (ex.Status == 401 && state.Lease is { } lease)
        {
            return keys.ReportUnauthorized(lease) switch
            {
                UnauthorizedDecision.RetrySameKey => new RetryDecision(true, options.UnauthorizedRetryDelay, "unauthorized"),
                UnauthorizedDecision.RetryNextKey => new RetryDecision(true, TimeSpan.Zero, "key_failover"),
                _ => RetryDecision.No,
            };
        }

        if (ex.Code == Protocol.ErrorCodes.WebSocketConnectionLimitReached && state.ConnectionLimitRetries < 2)
        {
            // The socket reached its age limit: the transport opens a new one.
            state.ConnectionLimitRetries++;
            return new RetryDecision(true, TimeSpan.Zero, "connection_limit");
        }

        if (!ex.IsRetryable || state.GeneralRetries >= options.MaxRetries)
        {
            return RetryDecision.No;
        }

        TimeSpan delay;
        if (ex.RetryAfter is { } retryAfter)
        {
            if (retryAfter > options.MaxRetryAfter)
            {
                return RetryDecision.No; // waiting longer than the caller allows: fail now, with the server's advice in the exception
            }

            delay = retryAfter;
        }
        else
        {
            var exponential = Math.Min(BaseDelay.TotalMilliseconds * Math.Pow(2, state.GeneralRetries), MaxDelay.TotalMilliseconds);
            delay = TimeSpan.FromMilliseconds(exponential * (0.75 + (Random.Shared.NextDouble() * 0.25)));
        }

        state.GeneralRetries++;
        return new RetryDecision(true, delay, ex.Status == 0 ? "connection_error" : ex.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
