using System.Globalization;

namespace Tandem.Responses;

/// <summary>The <c>x-ratelimit-*</c> headers of an answer.</summary>
public sealed record RateLimitInfo(
    int? LimitRequests,
    int? RemainingRequests,
    string? ResetRequests,
    int? LimitTokens,
    int? RemainingTokens,
    string? ResetTokens)
{
    internal static RateLimitInfo? From(IReadOnlyDictionary<string, string>? headers)
    {
        if (headers is null || !headers.Keys.Any(k => k.StartsWith("x-ratelimit-", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return new RateLimitInfo(
            Int(headers, "x-ratelimit-limit-requests"),
            Int(headers, "x-ratelimit-remaining-requests"),
            ResponsesException.Header(headers, "x-ratelimit-reset-requests"),
            Int(headers, "x-ratelimit-limit-tokens"),
            Int(headers, "x-ratelimit-remaining-tokens"),
            ResponsesException.Header(headers, "x-ratelimit-reset-tokens"));
    }

    private static int? Int(IReadOnlyDictionary<string, string> headers, string name) =>
        ResponsesException.Header(headers, name) is { } v && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
