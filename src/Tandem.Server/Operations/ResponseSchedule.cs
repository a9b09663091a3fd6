namespace Tandem.Server.Operations;

/// <summary>
/// When each part of one response is due under a latency profile, in milliseconds after the request
/// arrived (docs/latency-profiles.md). Pure arithmetic, so the bench can compute the ideal wall time
/// with exactly the server's rules.
/// </summary>
public readonly record struct ResponseSchedule(double CreatedAtMs, double FirstTokenAtMs, double DecodeTokensPerSecond)
{
    /// <summary>The schedule of a response.</summary>
    /// <param name="profile">The server's latency profile.</param>
    /// <param name="overHttp">HTTP requests pay <see cref="LatencyProfile.HttpRequestOverheadMs"/> too.</param>
    /// <param name="loadedItems">History items loaded from the store (0 on a connection-cache hit).</param>
    /// <param name="inputTokens">All input tokens of the request.</param>
    /// <param name="cachedTokens">Input tokens the connection cache already held.</param>
    /// <param name="reasoningTokens">Hidden reasoning tokens decoded before the first visible token.</param>
    /// <param name="generates">False for a <c>generate:false</c> warm-up, which has no first token.</param>
    public static ResponseSchedule For(LatencyProfile profile, bool overHttp, int loadedItems, int inputTokens, int cachedTokens, int reasoningTokens, bool generates)
    {
        var createdAt = profile.RequestOverheadMs
            + (overHttp ? profile.HttpRequestOverheadMs : 0)
            + loadedItems * profile.LoadStoredResponseMsPerItem;
        var firstTokenAt = createdAt
            + Math.Max(0, inputTokens - cachedTokens) * profile.RenderMsPerUncachedInputToken
            + (generates ? profile.TimeToFirstTokenMs + profile.DecodeMs(reasoningTokens) : 0);
        return new ResponseSchedule(createdAt, firstTokenAt, profile.DecodeTokensPerSecond);
    }

    /// <summary>When visible output token <paramref name="index"/> (0-based) is due; also the end, with the token count.</summary>
    public double TokenAtMs(int index) =>
        DecodeTokensPerSecond <= 0 ? FirstTokenAtMs : FirstTokenAtMs + index * 1000.0 / DecodeTokensPerSecond;
}
