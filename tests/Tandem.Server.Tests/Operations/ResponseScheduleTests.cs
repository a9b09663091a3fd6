using Tandem.Server.Operations;

namespace Tandem.Server.Tests.Operations;

public sealed class ResponseScheduleTests
{
    private static readonly LatencyProfile Profile = new()
    {
        RequestOverheadMs = 40,
        HttpRequestOverheadMs = 15,
        LoadStoredResponseMsPerItem = 2,
        RenderMsPerUncachedInputToken = 0.01,
        TimeToFirstTokenMs = 200,
        DecodeTokensPerSecond = 100,
    };

    [Fact]
    public void For_HttpChainLoadedFromStore_ChargesOverheadsLoadRenderAndFirstToken()
    {
        var s = ResponseSchedule.For(Profile, overHttp: true, loadedItems: 10, inputTokens: 1000, cachedTokens: 0, reasoningTokens: 0, generates: true);

        Assert.Equal(40 + 15 + 20, s.CreatedAtMs, 6);
        Assert.Equal(75 + 10 + 200, s.FirstTokenAtMs, 6);
    }

    [Fact]
    public void For_WebSocketCacheHit_SkipsLoadAndCachedRendering()
    {
        var s = ResponseSchedule.For(Profile, overHttp: false, loadedItems: 0, inputTokens: 1000, cachedTokens: 900, reasoningTokens: 0, generates: true);

        Assert.Equal(40, s.CreatedAtMs, 6);
        Assert.Equal(40 + 1 + 200, s.FirstTokenAtMs, 6);
    }

    [Fact]
    public void For_ReasoningTokens_AreDecodedBeforeTheFirstVisibleToken()
    {
        var s = ResponseSchedule.For(Profile, overHttp: false, loadedItems: 0, inputTokens: 0, cachedTokens: 0, reasoningTokens: 50, generates: true);

        Assert.Equal(40 + 200 + 500, s.FirstTokenAtMs, 6);
    }

    [Fact]
    public void For_Warmup_HasNoTimeToFirstToken()
    {
        var s = ResponseSchedule.For(Profile, overHttp: false, loadedItems: 0, inputTokens: 100, cachedTokens: 0, reasoningTokens: 0, generates: false);

        Assert.Equal(40 + 1, s.FirstTokenAtMs, 6);
    }

    [Fact]
    public void TokenAtMs_FollowsTheDecodeRateFromTheFirstToken()
    {
        var s = ResponseSchedule.For(Profile, overHttp: false, loadedItems: 0, inputTokens: 0, cachedTokens: 0, reasoningTokens: 0, generates: true);

        Assert.Equal(s.FirstTokenAtMs, s.TokenAtMs(0), 6);
        Assert.Equal(s.FirstTokenAtMs + 250, s.TokenAtMs(25), 6);
    }

    [Fact]
    public void For_ZeroProfile_IsAllZero()
    {
        var s = ResponseSchedule.For(LatencyProfile.Zero, overHttp: true, loadedItems: 100, inputTokens: 100_000, cachedTokens: 0, reasoningTokens: 100, generates: true);

        Assert.Equal(0, s.CreatedAtMs);
        Assert.Equal(0, s.TokenAtMs(1000));
    }
}
