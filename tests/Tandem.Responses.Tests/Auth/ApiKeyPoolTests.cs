using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Tandem.Responses.Auth;

namespace Tandem.Responses.Tests.Auth;

/// <summary>The key pool on its own: fingerprints, scrubbing, the 401 sequence, rotation and probing.</summary>
public sealed partial class ApiKeyPoolTests
{
    private const string K1 = "sk-proj-unit-key-one-1111111111";
    private const string K2 = "sk-proj-unit-key-two-2222222222";

    [GeneratedRegex("^key_[0-9a-f]{8}$")]
    private static partial Regex FingerprintShape();

    private static (ApiKeyPool Pool, List<ApiKeyAlert> Alerts, FakeTimeProvider Time) Create(Func<string, CancellationToken, Task<bool>>? probe = null, params string[] keys)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var pool = new ApiKeyPool(keys, time, TimeSpan.Zero, probe, null);
        var alerts = new List<ApiKeyAlert>();
        pool.Alert += (_, a) => alerts.Add(a);
        return (pool, alerts, time);
    }

    [Fact]
    public void Fingerprint_AnyKey_IsKeyPrefixAndEightHexDigitsOfItsSha256()
    {
        var fingerprint = ApiKeyPool.Fingerprint(K1);

        Assert.Matches(FingerprintShape(), fingerprint);
        Assert.Equal("key_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(K1)))[..8], fingerprint);
        Assert.Equal(fingerprint, ApiKeyPool.Fingerprint(K1));
        Assert.NotEqual(fingerprint, ApiKeyPool.Fingerprint(K2));
        Assert.DoesNotContain(K1[3..11], fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_TextWithPooledKeys_ReplacesEveryOccurrenceByItsFingerprint()
    {
        var (pool, _, _) = Create(null, K1, K2);

        var scrubbed = pool.Scrub($"a {K1} b {K2} c {K1}.");

        Assert.Equal($"a {ApiKeyPool.Fingerprint(K1)} b {ApiKeyPool.Fingerprint(K2)} c {ApiKeyPool.Fingerprint(K1)}.", scrubbed);
    }

    [Fact]
    public void Scrub_TextWithoutKeys_ReturnsItUnchanged()
    {
        var (pool, _, _) = Create(null, K1);
        const string Text = "nothing secret here, not even sk-proj-unit";

        Assert.Same(Text, pool.Scrub(Text));
    }

    [Fact]
    public void Scrub_RetiredKey_IsNoLongerKnown()
    {
        var (pool, _, _) = Create(null, K1, K2);
        pool.Retire(K1);

        Assert.Equal($"{K1} {ApiKeyPool.Fingerprint(K2)}", pool.Scrub($"{K1} {K2}"));
    }

    [Fact]
    public void ReportUnauthorized_TwiceWithAnotherHealthyKey_RetriesSameKeyThenFailsOverWithOneAlert()
    {
        var (pool, alerts, time) = Create(null, K1, K2);
        var lease = pool.Current();
        Assert.Equal(K1, lease.Value);

        Assert.Equal(UnauthorizedDecision.RetrySameKey, pool.ReportUnauthorized(lease));
        Assert.Empty(alerts);
        Assert.Equal(1, pool.Keys[0].ConsecutiveUnauthorized);
        Assert.Equal(K1, pool.Current().Value);

        Assert.Equal(UnauthorizedDecision.RetryNextKey, pool.ReportUnauthorized(lease));
        var alert = Assert.Single(alerts);
        Assert.Equal(ApiKeyAlertKind.MarkedUnhealthy, alert.Kind);
        Assert.Equal(ApiKeyPool.Fingerprint(K1), alert.KeyId);
        Assert.Equal(time.GetUtcNow(), alert.At);
        Assert.DoesNotContain(K1, alert.Message, StringComparison.Ordinal);
        Assert.Equal(new ApiKeyStatus(ApiKeyPool.Fingerprint(K1), false, 2, time.GetUtcNow()), pool.Keys[0]);
        Assert.Equal(K2, pool.Current().Value);
    }

    [Fact]
    public void ReportUnauthorized_TwiceOnTheOnlyKey_FailsWithNoHealthyKeysAlert()
    {
        var (pool, alerts, _) = Create(null, K1);
        var lease = pool.Current();

        Assert.Equal(UnauthorizedDecision.RetrySameKey, pool.ReportUnauthorized(lease));
        Assert.Equal(UnauthorizedDecision.Fail, pool.ReportUnauthorized(lease));

        Assert.Equal([ApiKeyAlertKind.MarkedUnhealthy, ApiKeyAlertKind.NoHealthyKeys], alerts.Select(a => a.Kind));
        var ex = Assert.Throws<ResponsesException>(() => pool.Current());
        Assert.Equal(401, ex.Status);
        Assert.Equal("no_healthy_api_key", ex.Code);
    }

    [Fact]
    public void ReportSuccess_AfterOneUnauthorized_ResetsTheCount()
    {
        var (pool, alerts, _) = Create(null, K1, K2);
        var lease = pool.Current();
        pool.ReportUnauthorized(lease);

        pool.ReportSuccess(lease);

        Assert.Equal(0, pool.Keys[0].ConsecutiveUnauthorized);
        Assert.Equal(UnauthorizedDecision.RetrySameKey, pool.ReportUnauthorized(lease)); // a fresh first 401
        Assert.Empty(alerts);
    }

    [Fact]
    public void ReportUnauthorized_LeaseOfAKeyAlreadyUnhealthy_MovesOnWithoutAnotherAlert()
    {
        // Two requests on the same key fail concurrently: the second report must not alert again.
        var (pool, alerts, _) = Create(null, K1, K2);
        var lease = pool.Current();
        pool.ReportUnauthorized(lease);
        pool.ReportUnauthorized(lease);

        Assert.Equal(UnauthorizedDecision.RetryNextKey, pool.ReportUnauthorized(lease));
        Assert.Single(alerts);
    }

    [Fact]
    public void ReportUnauthorized_LeaseOfARetiredKey_RetriesWithTheNextKey()
    {
        var (pool, _, _) = Create(null, K1, K2);
        var lease = pool.Current();
        pool.Retire(K1);

        Assert.Equal(UnauthorizedDecision.RetryNextKey, pool.ReportUnauthorized(lease));
        Assert.Equal(K2, pool.Current().Value);
    }

    [Fact]
    public void AddAndRetire_AtRunTime_ChangeTheCurrentKeyAndRaiseAlerts()
    {
        var (pool, alerts, _) = Create(null, K1);

        var id = pool.Add(K2);
        Assert.Equal(id, pool.Add(K2)); // adding twice keeps one entry
        Assert.True(pool.Retire(ApiKeyPool.Fingerprint(K1)));
        Assert.False(pool.Retire(K1));

        Assert.Equal(ApiKeyPool.Fingerprint(K2), id);
        Assert.Equal([id], pool.Keys.Select(k => k.KeyId));
        Assert.Equal(K2, pool.Current().Value);
        Assert.Equal([ApiKeyAlertKind.Added, ApiKeyAlertKind.Retired], alerts.Select(a => a.Kind));
        Assert.True(pool.Retire(K2));
        var ex = Assert.Throws<ResponsesException>(() => pool.Current());
        Assert.Equal("no_api_key", ex.Code);
        Assert.Throws<ArgumentException>(() => pool.Add(" "));
    }

    [Fact]
    public async Task ProbeUnhealthyAsync_ProbeSucceeds_RestoresOnlyTheUnhealthyKeys()
    {
        var probed = new List<string>();
        var (pool, alerts, _) = Create((key, _) =>
        {
            probed.Add(key);
            return Task.FromResult(true);
        }, K1, K2);
        var lease = pool.Current();
        pool.ReportUnauthorized(lease);
        pool.ReportUnauthorized(lease);

        await pool.ProbeUnhealthyAsync(TestContext.Current.CancellationToken);

        Assert.Equal([K1], probed);
        Assert.Equal([ApiKeyAlertKind.MarkedUnhealthy, ApiKeyAlertKind.Restored], alerts.Select(a => a.Kind));
        Assert.Equal(new ApiKeyStatus(ApiKeyPool.Fingerprint(K1), true, 0, null), pool.Keys[0]);
    }

    [Fact]
    public async Task ProbeUnhealthyAsync_ProbeFailsOrThrows_KeepsTheKeyOut()
    {
        var calls = 0;
        var (pool, alerts, _) = Create((_, _) => ++calls == 1 ? Task.FromResult(false) : throw new HttpRequestException("down"), K1, K2);
        var lease = pool.Current();
        pool.ReportUnauthorized(lease);
        pool.ReportUnauthorized(lease);

        await pool.ProbeUnhealthyAsync(TestContext.Current.CancellationToken);
        await pool.ProbeUnhealthyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, calls);
        Assert.False(pool.Keys[0].Healthy);
        Assert.Equal([ApiKeyAlertKind.MarkedUnhealthy], alerts.Select(a => a.Kind));
    }

    [Fact]
    public async Task ProbeInterval_TimerElapses_ProbesUnhealthyKeysInTheBackground()
    {
        var time = new FakeTimeProvider();
        var probed = 0;
        await using var pool = new ApiKeyPool([K1, K2], time, TimeSpan.FromSeconds(30), (_, _) =>
        {
            Interlocked.Increment(ref probed);
            return Task.FromResult(true);
        }, null);
        var lease = pool.Current();
        pool.ReportUnauthorized(lease);
        pool.ReportUnauthorized(lease);

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, Volatile.Read(ref probed));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, Volatile.Read(ref probed));
        Assert.True(pool.Keys[0].Healthy);
    }
}
