using System.Runtime.ExceptionServices;
using Polly;
using Tandem.Responses.Auth;

namespace Tandem.Responses.Resilience;

/// <summary>What one call's retries remember between attempts (carried in Polly's context).</summary>
internal sealed class CallState
{
    public static readonly ResiliencePropertyKey<CallState> Key = new("tandem.call");

    public ApiKeyLease? Lease { get; set; }

    public int GeneralRetries { get; set; }

    public int ConnectionLimitRetries { get; set; }

    public RetryDecision Pending { get; set; }

    /// <summary>The first attempt's failure, run outside the pipeline; the pipeline's first attempt throws it instead of running again.</summary>
    public ExceptionDispatchInfo? FirstFailure { get; set; }
}
