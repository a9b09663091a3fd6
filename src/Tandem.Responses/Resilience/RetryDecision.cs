namespace Tandem.Responses.Resilience;

/// <summary>Whether and when a failed call runs again, and why (for metrics and logs).</summary>
internal readonly record struct RetryDecision(bool Retry, TimeSpan Delay, string Reason)
{
    public static RetryDecision No { get; } = new(false, TimeSpan.Zero, "none");
}
