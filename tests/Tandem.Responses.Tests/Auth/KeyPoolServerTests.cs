using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Tandem.Responses.Auth;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Server.Tests.Support;

namespace Tandem.Responses.Tests.Auth;

/// <summary>
/// The key pool against the real local server, over both transports: failover from a refused key,
/// the one retry of a transient 401, probing a key back into rotation, keys added and retired while
/// the client runs, and no key ever in a message or a log line. Which key served a call is read back
/// from the server, where a response is visible only to the key that created it.
/// </summary>
public sealed class KeyPoolServerTests
{
    private const string WrongKey = "sk-wrong-key-0123456789abcdef";
    private const string OtherWrongKey = "sk-wrong-key-fedcba9876543210";

    public static TheoryData<ResponsesTransportKind> BothTransports() => Clients.BothTransports();

    [Theory]
    [MemberData(nameof(BothTransports))]
    public async Task StreamAsync_FirstKeyRefused_FailsOverMarksItUnhealthyOnceAndStaysOnTheGoodKey(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var harness = Harness.Create(server, transport, [WrongKey, TestServer.KeyA]);

        var first = await harness.RunAsync();
        var retriesAfterFirst = harness.RetryLines();
        var second = await harness.RunAsync();
        var third = await harness.RunAsync();

        var alert = Assert.Single(harness.Alerts);
        Assert.Equal(ApiKeyAlertKind.MarkedUnhealthy, alert.Kind);
        Assert.Equal(ApiKeyPool.Fingerprint(WrongKey), alert.KeyId);
        Assert.Equal([false, true], harness.Client.Keys.Keys.Select(k => k.Healthy));
        Assert.Equal(0, harness.Client.Keys.Keys[1].ConsecutiveUnauthorized);
        Assert.Equal(2, retriesAfterFirst); // once on the same key, then the failover
        Assert.Equal(retriesAfterFirst, harness.RetryLines()); // later calls: no retry at all
        foreach (var id in new[] { first, second, third })
        {
            await AssertOwnedByAsync(server, id, TestServer.KeyA);
        }

        if (transport == ResponsesTransportKind.HttpSse)
        {
            Assert.Equal([WrongKey, WrongKey, TestServer.KeyA, TestServer.KeyA, TestServer.KeyA], harness.Http!.Keys);
        }
    }

    [Theory]
    [MemberData(nameof(BothTransports))]
    public async Task StreamAsync_KeyRefusedOnce_IsRetriedOnTheSameKeyAndStaysHealthy(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync(o => o.RejectOnceKeys.Add(TestServer.KeyA));
        await using var harness = Harness.Create(server, transport, [TestServer.KeyA, TestServer.KeyB]);

        var id = await harness.RunAsync();

        Assert.Empty(harness.Alerts);
        Assert.All(harness.Client.Keys.Keys, k =>
        {
            Assert.True(k.Healthy);
            Assert.Equal(0, k.ConsecutiveUnauthorized);
        });
        Assert.Equal(1, harness.RetryLines());
        // After UnauthorizedRetryDelay (10 ms in Clients.Options), as the retry log line records.
        Assert.Contains(harness.Logs.Lines, l => l.Contains("retry 1 (unauthorized) in 10 ms", StringComparison.Ordinal));
        await AssertOwnedByAsync(server, id, TestServer.KeyA);
        if (transport == ResponsesTransportKind.HttpSse)
        {
            Assert.Equal([TestServer.KeyA, TestServer.KeyA], harness.Http!.Keys);
        }
    }

    [Theory]
    [MemberData(nameof(BothTransports))]
    public async Task ProbeUnhealthyAsync_KeyRefusedTwiceThenAccepted_FailsOverThenRestoresIt(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync(o => o.RejectOnceKeys.AddRange([TestServer.KeyA, TestServer.KeyA]));
        await using var harness = Harness.Create(server, transport, [TestServer.KeyA, TestServer.KeyB]);
        var ct = TestContext.Current.CancellationToken;

        var id = await harness.RunAsync();

        await AssertOwnedByAsync(server, id, TestServer.KeyB);
        Assert.Equal([ApiKeyAlertKind.MarkedUnhealthy], harness.Alerts.Select(a => a.Kind));
        var status = harness.Client.Keys.Keys;
        Assert.False(status[0].Healthy);
        Assert.NotNull(status[0].UnhealthySince);
        Assert.True(status[1].Healthy);

        await harness.Client.Keys.ProbeUnhealthyAsync(ct);

        Assert.Equal([ApiKeyAlertKind.MarkedUnhealthy, ApiKeyAlertKind.Restored], harness.Alerts.Select(a => a.Kind));
        Assert.All(harness.Alerts, a => Assert.Equal(ApiKeyPool.Fingerprint(TestServer.KeyA), a.KeyId));
        Assert.All(harness.Client.Keys.Keys, k =>
        {
            Assert.True(k.Healthy);
            Assert.Null(k.UnhealthySince);
        });
        await harness.RunAsync(); // and the pool still works
    }

    [Fact]
    public async Task ProbeUnhealthyAsync_KeyStillRefused_StaysUnhealthyWithoutAlert()
    {
        await using var server = await TestServer.StartAsync();
        await using var harness = Harness.Create(server, ResponsesTransportKind.HttpSse, [WrongKey, TestServer.KeyA]);
        await harness.RunAsync();

        await harness.Client.Keys.ProbeUnhealthyAsync(TestContext.Current.CancellationToken);

        Assert.Equal([ApiKeyAlertKind.MarkedUnhealthy], harness.Alerts.Select(a => a.Kind));
        Assert.False(harness.Client.Keys.Keys[0].Healthy);
        Assert.Equal("/v1/models", harness.Http!.Requests.Last().Uri.AbsolutePath);
    }

    [Theory]
    [MemberData(nameof(BothTransports))]
    public async Task AddAndRetire_AtRunTime_NextCallUsesTheNewKey(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var harness = Harness.Create(server, transport, [TestServer.KeyA]);
        var before = await harness.RunAsync();

        var added = harness.Client.Keys.Add(TestServer.KeyB);
        Assert.True(harness.Client.Keys.Retire(TestServer.KeyA));
        var after = await harness.RunAsync();

        Assert.Equal(ApiKeyPool.Fingerprint(TestServer.KeyB), added);
        Assert.Equal([ApiKeyAlertKind.Added, ApiKeyAlertKind.Retired], harness.Alerts.Select(a => a.Kind));
        Assert.Equal([added], harness.Client.Keys.Keys.Select(k => k.KeyId));
        await AssertOwnedByAsync(server, before, TestServer.KeyA);
        await AssertOwnedByAsync(server, after, TestServer.KeyB);
        Assert.Equal(0, harness.Client.Rotations); // a key change is not an age rotation
        Assert.Equal(0, harness.Client.Reconnects);
    }

    [Theory]
    [MemberData(nameof(BothTransports))]
    public async Task Retire_TheOnlyKey_NextCallFailsWithNoApiKey(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var harness = Harness.Create(server, transport, [TestServer.KeyA]);
        await harness.RunAsync();

        Assert.True(harness.Client.Keys.Retire(ApiKeyPool.Fingerprint(TestServer.KeyA))); // by fingerprint
        var ex = await Assert.ThrowsAsync<ResponsesException>(harness.RunAsync);

        Assert.Equal(401, ex.Status);
        Assert.Equal("no_api_key", ex.Code);
        Assert.False(harness.Client.Keys.Retire(TestServer.KeyA));
    }

    [Theory]
    [MemberData(nameof(BothTransports))]
    public async Task Retire_TheOnlyHealthyKey_NextCallFailsWithNoHealthyApiKey(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var harness = Harness.Create(server, transport, [WrongKey, TestServer.KeyA]);
        await harness.RunAsync();
        var requests = harness.Http?.Requests.Count;

        Assert.True(harness.Client.Keys.Retire(TestServer.KeyA));
        var ex = await Assert.ThrowsAsync<ResponsesException>(harness.RunAsync);

        Assert.Equal(401, ex.Status);
        Assert.Equal("no_healthy_api_key", ex.Code);
        Assert.Equal(requests, harness.Http?.Requests.Count); // failed in the client, nothing sent
        Assert.DoesNotContain(WrongKey, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BothTransports))]
    public async Task StreamAsync_AllKeysWrong_Throws401WithoutAnyKeyInMessageOrLogs(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var harness = Harness.Create(server, transport, [WrongKey, OtherWrongKey]);

        var ex = await Assert.ThrowsAsync<ResponsesException>(harness.RunAsync);

        Assert.Equal(401, ex.Status);
        Assert.False(ex.OutputStarted);
        Assert.Equal(
            [ApiKeyAlertKind.MarkedUnhealthy, ApiKeyAlertKind.MarkedUnhealthy, ApiKeyAlertKind.NoHealthyKeys],
            harness.Alerts.Select(a => a.Kind));
        Assert.All(harness.Client.Keys.Keys, k => Assert.False(k.Healthy));
        var text = string.Join("\n", new[] { ex.Message, ex.ToString(), ex.InnerException?.ToString() ?? string.Empty }
            .Concat(harness.Alerts.Select(a => a.KeyId + " " + a.Message))
            .Concat(harness.Logs.Lines)
            .Concat(harness.Capturing.Lines));
        Assert.NotEmpty(harness.Logs.Lines);
        foreach (var key in new[] { WrongKey, OtherWrongKey })
        {
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        }

        // The next call fails in the client at once: no healthy key.
        var again = await Assert.ThrowsAsync<ResponsesException>(harness.RunAsync);
        Assert.Equal("no_healthy_api_key", again.Code);
    }

    [Theory]
    [MemberData(nameof(BothTransports))]
    public async Task Logs_KeyFailoverAndProbe_NeverContainAKey(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync(o => o.RejectOnceKeys.AddRange([TestServer.KeyA, TestServer.KeyA]));
        await using var harness = Harness.Create(server, transport, [WrongKey, TestServer.KeyA, TestServer.KeyB]);

        await harness.RunAsync();
        await harness.Client.Keys.ProbeUnhealthyAsync(TestContext.Current.CancellationToken);
        await harness.RunAsync();

        Assert.NotEmpty(harness.Logs.Lines);
        var everything = string.Join("\n", harness.Logs.Lines.Concat(harness.Capturing.Lines).Concat(harness.Alerts.Select(a => a.Message)));
        foreach (var key in new[] { WrongKey, TestServer.KeyA, TestServer.KeyB })
        {
            Assert.DoesNotContain(key, everything, StringComparison.Ordinal);
        }

        Assert.Contains(ApiKeyPool.Fingerprint(WrongKey), everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_ServerEchoesTheKeyInAnError_MessageShowsOnlyTheFingerprint()
    {
        var handler = new ScriptedHandler(_ => FakeHttp.Error(400, "invalid_request_error", "bad", $"Key {FakeHttp.Key} may not do this."));
        await using var client = FakeHttp.Client(handler);

        var ex = await Assert.ThrowsAsync<ResponsesException>(async () =>
        {
            await foreach (var _ in client.StreamAsync(new ResponseCreateRequest { Model = "m", Input = "x" }, cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.DoesNotContain(FakeHttp.Key, ex.Message, StringComparison.Ordinal);
        Assert.Contains(ApiKeyPool.Fingerprint(FakeHttp.Key), ex.Message, StringComparison.Ordinal);
        Assert.Equal(400, ex.Status);
        Assert.Equal("bad", ex.Code);
    }

    private static async Task AssertOwnedByAsync(TestServer server, string responseId, string key)
    {
        // The server shows a response only to the key that created it.
        using var http = server.CreateHttpClient(key);
        using var response = await http.GetAsync(new Uri($"/v1/responses/{responseId}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{responseId} is not owned by {ApiKeyPool.Fingerprint(key)} ({(int)response.StatusCode})");
    }

    /// <summary>A client of the server with the given keys, its alerts, its logs and (over HTTP) the keys its requests used.</summary>
    private sealed class Harness : IAsyncDisposable
    {
        private readonly ILoggerFactory _factory;
        private readonly SocketsHttpHandler? _inner;

        private Harness(ResponsesClient client, ILoggerFactory factory, AllLevelsLoggerProvider logs, CapturingLoggerProvider capturing, KeyRecordingHandler? http, SocketsHttpHandler? inner)
        {
            Client = client;
            _factory = factory;
            Logs = logs;
            Capturing = capturing;
            Http = http;
            _inner = inner;
            client.Keys.Alert += (_, alert) => Alerts.Enqueue(alert);
        }

        public ResponsesClient Client { get; }

        public ConcurrentQueue<ApiKeyAlert> Alerts { get; } = new();

        public AllLevelsLoggerProvider Logs { get; }

        public CapturingLoggerProvider Capturing { get; }

        public KeyRecordingHandler? Http { get; }

        public static Harness Create(TestServer server, ResponsesTransportKind transport, string[] keys)
        {
            var logs = new AllLevelsLoggerProvider();
            var capturing = new CapturingLoggerProvider();
            var factory = LoggerFactory.Create(b => b.AddProvider(logs).AddProvider(capturing).SetMinimumLevel(LogLevel.Trace));
            var options = Clients.Options(server, transport);
            options.ApiKeys.Clear();
            options.ApiKeys.AddRange(keys);
            options.LoggerFactory = factory;
            SocketsHttpHandler? inner = null;
            KeyRecordingHandler? http = null;
            if (transport == ResponsesTransportKind.HttpSse)
            {
                inner = new SocketsHttpHandler();
                http = new KeyRecordingHandler(inner);
                options.HttpHandler = http;
            }

            return new Harness(new ResponsesClient(options), factory, logs, capturing, http, inner);
        }

        /// <summary>One streamed turn; returns the response id.</summary>
        public async Task<string> RunAsync()
        {
            ResponseObject? final = null;
            await foreach (var evt in Client.StreamAsync(new ResponseCreateRequest { Model = "scenario/hello", Input = "Hi!" }, cancellationToken: TestContext.Current.CancellationToken))
            {
                if (evt is ResponseLifecycleEvent { IsTerminal: true } terminal)
                {
                    final = terminal.Response;
                }
            }

            Assert.NotNull(final);
            Assert.Equal(ResponseStatus.Completed, final.Status);
            return final.Id;
        }

        public int RetryLines() => Logs.Lines.Count(l => l.Contains(" retry ", StringComparison.Ordinal));

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            Http?.Dispose();
            _inner?.Dispose();
            _factory.Dispose();
        }
    }

    /// <summary>Passes requests on and remembers the key each used (never shown outside the test).</summary>
    private sealed class KeyRecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly ConcurrentQueue<SeenRequest> _requests = new();

        public IReadOnlyList<SeenRequest> Requests => [.. _requests];

        /// <summary>The keys of the POSTs to /v1/responses, in order.</summary>
        public IReadOnlyList<string?> Keys => Requests.Where(r => r.Method == HttpMethod.Post).Select(r => r.Authorization?["Bearer ".Length..]).ToList();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _requests.Enqueue(new SeenRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), null));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
