using System.Text;
using Microsoft.Extensions.Logging;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;

namespace Tandem.Responses.Tests.Resilience;

/// <summary>
/// The retry policy through the client's real HTTP path, against a scripted fake handler: what is
/// retried, how often, after how long (read back from the retry log line, never timed), and that a
/// turn which already streamed output is never replayed unless it is replay-safe.
/// </summary>
public sealed class RetryPolicyTests
{
    private static readonly (string, string) RetryFast = ("retry-after-ms", "1");

    private static ResponseCreateRequest Request() => new() { Model = "gpt-test", Input = "hi" };

    private static HttpResponseMessage Ok(string id = "resp_ok") => FakeHttp.EventStream(FakeHttp.Sse(FakeHttp.TextTurn(id, "Hel", "lo")));

    private static async Task<List<ResponseStreamEvent>> CollectAsync(ResponsesClient client, ResponseCallOptions? options = null)
    {
        var events = new List<ResponseStreamEvent>();
        await foreach (var evt in client.StreamAsync(Request(), options, TestContext.Current.CancellationToken))
        {
            events.Add(evt);
        }

        return events;
    }

    [Fact]
    public async Task StreamAsync_ServerErrorThenSuccess_SucceedsAfterOneRetry()
    {
        var handler = new ScriptedHandler(_ => FakeHttp.Error(500, "server_error", "server_error"), _ => Ok());
        await using var client = FakeHttp.Client(handler);

        var events = await CollectAsync(client);

        Assert.Equal(ResponseEventTypes.Completed, events[^1].Type);
        Assert.Equal(1, events.Count(e => e.Type == ResponseEventTypes.Created)); // the failed attempt yielded nothing
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task CreateAsync_ServiceUnavailableThenSuccess_SucceedsAfterOneRetry()
    {
        const string Json = """{"id":"resp_json","object":"response","created_at":1,"status":"completed","model":"gpt-test","output":[]}""";
        var handler = new ScriptedHandler(
            _ => FakeHttp.Error(503, "server_error", null, headers: RetryFast),
            _ => FakeHttp.Answer(200, Encoding.UTF8.GetBytes(Json), [new("content-type", "application/json")]));
        await using var client = FakeHttp.Client(handler);

        var response = await client.CreateAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal("resp_json", response.Id);
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task StreamAsync_429WithRetryAfterMs_WaitsTheServersDelayThenSucceeds()
    {
        var logs = new AllLevelsLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var handler = new ScriptedHandler(_ => FakeHttp.Error(429, "requests", "rate_limit_exceeded", headers: ("retry-after-ms", "10")), _ => Ok());
        await using var client = FakeHttp.Client(handler, o => o.LoggerFactory = factory);

        var events = await CollectAsync(client);

        Assert.Equal(ResponseEventTypes.Completed, events[^1].Type);
        Assert.Equal(2, handler.Count);
        // The delay the policy chose is logged: exactly the server's 10 ms, not the ~500 ms backoff.
        Assert.Contains(logs.Lines, l => l.Contains("retry 1 (429) in 10 ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StreamAsync_429WithRetryAfterAboveMaxRetryAfter_FailsAtOnceWithRetryAfter()
    {
        var handler = new ScriptedHandler(_ => FakeHttp.Error(429, "requests", "rate_limit_exceeded", headers: ("retry-after", "999")), _ => Ok());
        await using var client = FakeHttp.Client(handler);

        var ex = await Assert.ThrowsAsync<ResponsesException>(() => CollectAsync(client));

        Assert.Equal(429, ex.Status);
        Assert.Equal("rate_limit_exceeded", ex.Code);
        Assert.Equal(TimeSpan.FromSeconds(999), ex.RetryAfter);
        Assert.True(ex.IsRetryable); // retryable in principle; the wait is longer than the caller allows
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task StreamAsync_429InsufficientQuota_IsNeverRetried()
    {
        var handler = new ScriptedHandler(_ => FakeHttp.Error(429, "insufficient_quota", "insufficient_quota", headers: RetryFast), _ => Ok());
        await using var client = FakeHttp.Client(handler);

        var ex = await Assert.ThrowsAsync<ResponsesException>(() => CollectAsync(client));

        Assert.Equal(429, ex.Status);
        Assert.Equal("insufficient_quota", ex.Code);
        Assert.False(ex.IsRetryable);
        Assert.Equal(1, handler.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task StreamAsync_ClientError_IsNeverRetried(int status)
    {
        var handler = new ScriptedHandler(_ => FakeHttp.Error(status, "invalid_request_error", "bad", headers: RetryFast), _ => Ok());
        await using var client = FakeHttp.Client(handler);

        var ex = await Assert.ThrowsAsync<ResponsesException>(() => CollectAsync(client));

        Assert.Equal(status, ex.Status);
        Assert.Equal(1, handler.Count);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(409)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task StreamAsync_RetryableStatus_IsRetried(int status)
    {
        var handler = new ScriptedHandler(_ => FakeHttp.Error(status, "server_error", null, headers: RetryFast), _ => Ok());
        await using var client = FakeHttp.Client(handler);

        var events = await CollectAsync(client);

        Assert.Equal(ResponseEventTypes.Completed, events[^1].Type);
        Assert.Equal(2, handler.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task StreamAsync_AlwaysFailing_StopsAfterMaxRetries(int maxRetries)
    {
        var handler = new ScriptedHandler(_ => FakeHttp.Error(500, "server_error", "server_error", headers: RetryFast));
        await using var client = FakeHttp.Client(handler, o => o.MaxRetries = maxRetries);

        var ex = await Assert.ThrowsAsync<ResponsesException>(() => CollectAsync(client));

        Assert.Equal(500, ex.Status);
        Assert.Equal(maxRetries + 1, handler.Count);
    }

    [Fact]
    public async Task StreamAsync_ConnectionErrorThenSuccess_IsRetried()
    {
        var handler = new ScriptedHandler(_ => throw new HttpRequestException("Connection refused (scripted)"), _ => Ok());
        await using var client = FakeHttp.Client(handler);

        var events = await CollectAsync(client);

        Assert.Equal(ResponseEventTypes.Completed, events[^1].Type);
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task GetAsync_ConnectionErrors_AreRetriedUpToMaxRetriesThenThrowConnectionException()
    {
        var handler = new ScriptedHandler(_ => throw new HttpRequestException("Connection refused (scripted)"));
        await using var client = FakeHttp.Client(handler, o => o.MaxRetries = 1);

        var ex = await Assert.ThrowsAsync<ResponsesConnectionException>(() => client.GetAsync("resp_1", TestContext.Current.CancellationToken));

        Assert.Equal(0, ex.Status);
        Assert.Contains("api.openai.com", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task StreamAsync_StreamBreaksAfterOutput_ThrowsWithOutputStartedAndNeverReplays()
    {
        var handler = new ScriptedHandler(_ => BrokenTurn(), _ => Ok());
        await using var client = FakeHttp.Client(handler);
        var seen = new List<ResponseStreamEvent>();

        var ex = await Assert.ThrowsAsync<ResponsesConnectionException>(async () =>
        {
            await foreach (var evt in client.StreamAsync(Request(), cancellationToken: TestContext.Current.CancellationToken))
            {
                seen.Add(evt);
            }
        });

        Assert.True(ex.OutputStarted);
        Assert.Equal(1, handler.Count);
        Assert.Equal("Hello wor", string.Concat(seen.OfType<OutputTextDeltaEvent>().Select(d => d.Delta)));
        Assert.DoesNotContain(seen, e => e is TurnRestartedEvent);
    }

    [Fact]
    public async Task StreamAsync_ReplaySafeStreamBreaksAfterOutput_RestartsTheTurnAndCompletes()
    {
        var handler = new ScriptedHandler(_ => BrokenTurn(), _ => Ok("resp_second"));
        await using var client = FakeHttp.Client(handler);

        var events = await CollectAsync(client, new ResponseCallOptions { ReplaySafe = true });

        Assert.Equal(2, handler.Count);
        var restart = events.FindIndex(e => e is TurnRestartedEvent);
        Assert.True(restart > 0);
        Assert.Equal(ClientEventTypes.TurnRestarted, events[restart].Type);
        Assert.Contains(events.Take(restart), e => e.Type == ResponseEventTypes.OutputTextDelta);
        var after = events.Skip(restart + 1).ToList();
        Assert.Equal(ResponseEventTypes.Created, after[0].Type);
        Assert.Equal("Hello", string.Concat(after.OfType<OutputTextDeltaEvent>().Select(d => d.Delta)));
        var final = Assert.IsType<ResponseLifecycleEvent>(events[^1]);
        Assert.Equal(ResponseEventTypes.Completed, final.Type);
        Assert.Equal("resp_second", final.Response.Id);
    }

    [Fact]
    public async Task StreamAsync_ReplaySafeStreamKeepsBreaking_GivesUpAfterMaxRetriesWithOutputStarted()
    {
        var handler = new ScriptedHandler(_ => BrokenTurn());
        await using var client = FakeHttp.Client(handler, o => o.MaxRetries = 1);
        var restarts = 0;

        var ex = await Assert.ThrowsAsync<ResponsesConnectionException>(async () =>
        {
            await foreach (var evt in client.StreamAsync(Request(), new ResponseCallOptions { ReplaySafe = true }, TestContext.Current.CancellationToken))
            {
                restarts += evt is TurnRestartedEvent ? 1 : 0;
            }
        });

        Assert.True(ex.OutputStarted);
        Assert.Equal(1, restarts);
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task StreamAsync_RetryAfterMsAndRetryAfter_PrefersTheMilliseconds()
    {
        var handler = new ScriptedHandler(_ => FakeHttp.Error(429, "requests", "rate_limit_exceeded", headers: [("retry-after", "999"), ("retry-after-ms", "5")]), _ => Ok());
        await using var client = FakeHttp.Client(handler);

        var events = await CollectAsync(client);

        Assert.Equal(ResponseEventTypes.Completed, events[^1].Type);
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task StreamAsync_RetryAfterAsPastHttpDate_RetriesWithoutWaiting()
    {
        var date = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var handler = new ScriptedHandler(_ => FakeHttp.Error(503, "server_error", null, headers: ("retry-after", date)), _ => Ok());
        var logs = new AllLevelsLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var client = FakeHttp.Client(handler, o => o.LoggerFactory = factory);

        var events = await CollectAsync(client);

        Assert.Equal(ResponseEventTypes.Completed, events[^1].Type);
        Assert.Contains(logs.Lines, l => l.Contains("retry 1 (503) in 0 ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StreamAsync_StreamBreaksBeforeOutput_IsRetriedWithoutReplaySafe()
    {
        // Only response.created and .in_progress were seen: nothing of the turn reached the caller.
        var head = FakeHttp.Sse(FakeHttp.TextTurn("resp_broken", "x").Take(2));
        var handler = new ScriptedHandler(_ => FakeHttp.EventStream(new BreakingStream(Encoding.UTF8.GetBytes(head))), _ => Ok());
        await using var client = FakeHttp.Client(handler);

        var events = await CollectAsync(client);

        Assert.Equal(2, handler.Count);
        Assert.DoesNotContain(events, e => e is TurnRestartedEvent);
        Assert.Equal(ResponseEventTypes.Completed, events[^1].Type);
    }

    [Fact]
    public async Task ResponsesException_RateLimitHeaders_AreParsedWithTheRequestId()
    {
        var handler = new ScriptedHandler(_ => FakeHttp.Error(429, "tokens", "rate_limit_exceeded", "Rate limit reached (scripted).", null,
            ("x-request-id", "req_0123456789abcdef"),
            ("x-ratelimit-limit-requests", "500"),
            ("x-ratelimit-remaining-requests", "0"),
            ("x-ratelimit-reset-requests", "120ms"),
            ("x-ratelimit-limit-tokens", "30000"),
            ("x-ratelimit-remaining-tokens", "12"),
            ("x-ratelimit-reset-tokens", "6m0s"),
            ("retry-after", "999")));
        await using var client = FakeHttp.Client(handler);

        var ex = await Assert.ThrowsAsync<ResponsesException>(() => CollectAsync(client));

        Assert.Equal("req_0123456789abcdef", ex.RequestId);
        Assert.Equal(new RateLimitInfo(500, 0, "120ms", 30000, 12, "6m0s"), ex.RateLimits);
        Assert.Equal("Rate limit reached (scripted).", ex.Message);
    }

    [Fact]
    public async Task ResponsesException_NoRateLimitHeaders_LeavesRateLimitsNull()
    {
        var handler = new ScriptedHandler(_ => FakeHttp.Error(400, "invalid_request_error", "bad"));
        await using var client = FakeHttp.Client(handler);

        var ex = await Assert.ThrowsAsync<ResponsesException>(() => CollectAsync(client));

        Assert.Null(ex.RateLimits);
        Assert.Null(ex.RequestId);
        Assert.Null(ex.RetryAfter);
    }

    /// <summary>created, in_progress, output_item.added, content_part.added, three deltas — then the connection drops.</summary>
    private static HttpResponseMessage BrokenTurn()
    {
        var head = FakeHttp.Sse(FakeHttp.TextTurn("resp_broken", "Hel", "lo", " wor", "ld").Take(7));
        return FakeHttp.EventStream(new BreakingStream(Encoding.UTF8.GetBytes(head)));
    }
}
