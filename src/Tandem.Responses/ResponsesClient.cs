using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Tandem.Responses.Auth;
using Tandem.Responses.Chains;
using Tandem.Responses.Diagnostics;
using Tandem.Responses.Protocol;
using Tandem.Responses.Resilience;
using Tandem.Responses.Transport;

namespace Tandem.Responses;

/// <summary>
/// A client of the Responses API over WebSocket mode or HTTP+SSE, against OpenAI, Azure/xAI-style
/// compatible endpoints or a local <c>tandem serve</c>, chosen by <see cref="ResponsesClientOptions.BaseUrl"/>
/// alone. Streaming (<see cref="StreamAsync"/>) and non-streaming (<see cref="CreateAsync"/>) calls
/// share one retry policy and one key pool; <see cref="CreateChain"/> gives a conversation handle
/// that heals itself. Retrieval, deletion and input items always go over HTTP (WebSocket mode has no
/// such calls). Thread-safe; create one and share it.
/// </summary>
public sealed partial class ResponsesClient : IAsyncDisposable
{
    private readonly ResponsesClientOptions _options;
    private readonly HttpClient _http;
    private readonly HttpSseTransport _httpTransport;
    private readonly ApiKeyPool _keys;
    private readonly RetryPolicy _retry;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _logger;
    private IResponsesTransport _transport;

    public ResponsesClient(ResponsesClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = options.LoggerFactory?.CreateLogger("Tandem.Responses") ?? NullLogger.Instance;
        _http = new HttpClient(options.HttpHandler ?? CreateHandler(options), disposeHandler: options.HttpHandler is null)
        {
            Timeout = options.RequestTimeout,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower, // HTTP/2 where the server offers it (TLS ALPN), else HTTP/1.1
        };
        _keys = new ApiKeyPool(options.ApiKeys, options.TimeProvider, options.KeyProbeInterval, ProbeKeyAsync, _logger);
        _retry = new RetryPolicy(options, _keys);
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 64, // the policy decides; this only bounds a misbehaving server
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.Context)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(CallState.Key, null!).Pending.Delay),
                OnRetry = args =>
                {
                    var reason = args.Context.Properties.GetValue(CallState.Key, null!).Pending.Reason;
                    ResponsesDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>("tandem.retry.reason", reason));
                    Log.Retrying(_logger, args.AttemptNumber + 1, reason, args.RetryDelay.TotalMilliseconds, _keys.Scrub(args.Outcome.Exception?.Message ?? string.Empty));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        _httpTransport = new HttpSseTransport(_http, options);
        _transport = options.Transport == ResponsesTransportKind.WebSocket ? new WebSocketTransport(options, _logger) : _httpTransport;
    }

    /// <summary>The transport in use: WebSocket until a server refuses it with 426, then HTTP+SSE for the client's life.</summary>
    public ResponsesTransportKind ActiveTransport => _transport.Kind;

    /// <summary>The client's keys: health, alerts, rotation.</summary>
    public ApiKeyPool Keys => _keys;

    public ResponsesClientOptions Options => _options;

    /// <summary>Changes whenever server-side connection state is lost (see <see cref="ResponseChain"/>).</summary>
    public long ConnectionGeneration => _transport.ConnectionGeneration;

    /// <summary>WebSocket reconnects after a lost connection (0 over HTTP).</summary>
    public int Reconnects => (_transport as WebSocketTransport)?.Reconnects ?? 0;

    /// <summary>WebSocket rotations before the server's age cap (0 over HTTP).</summary>
    public int Rotations => (_transport as WebSocketTransport)?.Rotations ?? 0;

    /// <summary>A conversation handle: keeps the full item log and continues with only the new items.</summary>
    public ResponseChain CreateChain(ResponseCreateRequest template, string? lane = null) => new(this, template, lane);

    /// <summary>
    /// A chain rebuilt from a saved item log (e.g. a run journal after a crash): the next turn
    /// continues from <paramref name="lastResponseId"/> with the items after <paramref name="acknowledged"/>.
    /// The connection that served it is gone, so a <c>store:false</c> chain replays its full context
    /// (from <paramref name="contextStart"/>; by default from the latest compaction item).
    /// </summary>
    public ResponseChain RestoreChain(ResponseCreateRequest template, IEnumerable<ResponseItem> items, string? lastResponseId, int acknowledged, string? lane = null, int contextStart = -1) =>
        ResponseChain.Restore(this, template, lane, [.. items], lastResponseId, acknowledged, contextStart);

    /// <summary>
    /// Streams one response: every event the server sends (unknown types included, as
    /// <see cref="UnknownStreamEvent"/>), up to and including the terminal one. Errors answered before
    /// any output are retried by the policy; a server error becomes <see cref="ResponsesException"/>.
    /// </summary>
    public async IAsyncEnumerable<ResponseStreamEvent> StreamAsync(ResponseCreateRequest request, ResponseCallOptions? callOptions = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var replaySafe = callOptions?.ReplaySafe ?? false;
        using var activity = StartActivity(request, callOptions?.Lane);
        var started = Stopwatch.GetTimestamp();
        var firstToken = false;
        ResponseObject? final = null;

        for (var restart = 0; ; restart++)
        {
            IAsyncEnumerator<ResponseStreamEvent> events;
            ResponseStreamEvent current;
            var fallback = false;
            try
            {
                (events, current) = await OpenAsync(request, callOptions?.Lane, cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketModeUnavailableException ex)
            {
                SwitchToHttp(ex.Message);
                fallback = true;
                (events, current) = (null!, null!);
            }
            catch (ResponsesException ex)
            {
                throw Scrubbed(ex);
            }

            if (fallback)
            {
                yield return new TransportFallbackEvent("426: the server does not offer WebSocket mode");
                restart--;
                continue;
            }

            ResponsesException? failure = null;
            var output = false;
            try
            {
                while (true)
                {
                    output |= IsOutput(current);
                    if (!firstToken && current.Type is ResponseEventTypes.OutputTextDelta or ResponseEventTypes.FunctionCallArgumentsDelta or ResponseEventTypes.ReasoningSummaryTextDelta)
                    {
                        firstToken = true;
                        ResponsesDiagnostics.TimeToFirstToken.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, ResponsesDiagnostics.Transport(_transport.Kind));
                    }

                    if (current is ResponseLifecycleEvent { IsTerminal: true } terminal)
                    {
                        final = terminal.Response;
                    }

                    yield return current;
                    if (current.IsTerminal)
                    {
                        break;
                    }

                    try
                    {
                        if (!await events.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                    catch (ResponsesException ex)
                    {
                        failure = ex;
                        break;
                    }

                    current = events.Current;
                }
            }
            finally
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }

            if (failure is null)
            {
                break;
            }

            // The turn failed after it had begun. Without output it can run again like any failed
            // start; with output only when the caller said the turn is replay-safe.
            var decision = (!output || replaySafe) && restart < _options.MaxRetries + 2
                ? _retry.Decide(failure, new CallState { Lease = null, GeneralRetries = restart })
                : RetryDecision.No;
            if (!decision.Retry)
            {
                activity?.SetStatus(ActivityStatusCode.Error, failure.Code ?? failure.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                throw Scrubbed(output ? failure.AfterOutput() : failure);
            }

            ResponsesDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>("tandem.retry.reason", "mid_stream_" + decision.Reason));
            if (output)
            {
                yield return new TurnRestartedEvent(failure.Message);
            }

            await Task.Delay(decision.Delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        Record(activity, request, final, started);
    }

    /// <summary>
    /// One response, not streamed: over HTTP a plain JSON POST, over WebSocket the terminal event's
    /// response. A <c>failed</c> response is returned as it is (check <see cref="ResponseObject.Status"/>).
    /// </summary>
    public async Task<ResponseObject> CreateAsync(ResponseCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_transport.Kind == ResponsesTransportKind.HttpSse)
        {
            var body = request.Stream == false && request.Type is null ? request : WithoutStreaming(request);
            return await ExecuteHttpAsync(
                HttpMethod.Post,
                _options.ResponsesUri,
                body,
                static (http, message, ct) => http.ReadJsonAsync<ResponseObject>(message, ct),
                cancellationToken).ConfigureAwait(false);
        }

        ResponseObject? final = null;
        await foreach (var evt in StreamAsync(request, null, cancellationToken).ConfigureAwait(false))
        {
            if (evt is ResponseLifecycleEvent { IsTerminal: true } terminal)
            {
                final = terminal.Response;
            }
        }

        return final ?? throw new ResponsesConnectionException("The stream ended without a response.");
    }

    /// <summary>
    /// WebSocket mode's warm-up (<c>generate:false</c>): the server prepares tools, instructions and
    /// input and returns a response id to chain from, producing no output.
    /// </summary>
    public async Task<ResponseObject> WarmUpAsync(ResponseCreateRequest request, ResponseCallOptions? callOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_transport.Kind != ResponsesTransportKind.WebSocket)
        {
            throw new InvalidOperationException("Warm-up (generate:false) exists only in WebSocket mode; this client uses HTTP.");
        }

        var warm = request.Clone();
        warm.Generate = false;
        ResponseObject? final = null;
        await foreach (var evt in StreamAsync(warm, callOptions, cancellationToken).ConfigureAwait(false))
        {
            if (evt is ResponseLifecycleEvent { IsTerminal: true } terminal)
            {
                final = terminal.Response;
            }
        }

        return final ?? throw new ResponsesConnectionException("The warm-up ended without a response.");
    }

    public async ValueTask DisposeAsync()
    {
        await _transport.DisposeAsync().ConfigureAwait(false);
        await _keys.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }

    private static bool IsOutput(ResponseStreamEvent evt) =>
        evt.Type is not (ResponseEventTypes.Created or ResponseEventTypes.InProgress or ResponseEventTypes.Queued);

    private static ResponseCreateRequest WithoutStreaming(ResponseCreateRequest request)
    {
        var copy = request.Clone();
        copy.Stream = null;
        copy.Type = null;
        copy.StreamId = null;
        copy.Generate = null;
        return copy;
    }

    internal static SocketsHttpHandler CreateHandler(ResponsesClientOptions options)
    {
        var spinLimit = options.ReceiveSpinLimit;
        return new()
        {
            SslOptions = { RemoteCertificateValidationCallback = options.ServerCertificateValidation },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5), // pick up DNS changes
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = options.ConnectTimeout,
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = DecompressionMethods.None, // event streams are not compressed; skip the work

            // Each connection waits for data on a thread of its own and resumes its reader there, instead
            // of through the runtime's socket event loop and the thread pool (ConnectionThreadStream).
            ConnectCallback = async (context, ct) => await ConnectionThreadStream.ConnectAsync(context.DnsEndPoint, "Tandem HTTP", spinLimit, null, ct).ConfigureAwait(false),
        };
    }

    private ResponsesException Scrubbed(ResponsesException ex)
    {
        var message = _keys.Scrub(ex.Message);
        return ReferenceEquals(message, ex.Message) || message == ex.Message
            ? ex
            : ex is ResponsesConnectionException
                ? new ResponsesConnectionException(message, ex.InnerException) { RequestId = ex.RequestId, OutputStarted = ex.OutputStarted }
                : new ResponsesException(ex.Status, message, ex.ErrorType, ex.Code, ex.Param) { RequestId = ex.RequestId, RetryAfter = ex.RetryAfter, RateLimits = ex.RateLimits, OutputStarted = ex.OutputStarted };
    }

    private void SwitchToHttp(string reason)
    {
        var previous = Interlocked.Exchange(ref _transport, _httpTransport);
        if (!ReferenceEquals(previous, _httpTransport))
        {
            ResponsesDiagnostics.TransportFallbacks.Add(1);
            Log.FellBackToHttp(_logger, reason);
            _ = previous.DisposeAsync().AsTask();
        }
    }

    private bool ShouldRetry(Exception? error, ResilienceContext context)
    {
        if (error is null || error is WebSocketModeUnavailableException)
        {
            return false;
        }

        var state = context.Properties.GetValue(CallState.Key, null!);
        state.Pending = _retry.Decide(error, state);
        return state.Pending.Retry;
    }

    /// <summary>Starts a response and waits for its first event, retrying failed starts per the policy.</summary>
    /// <remarks>
    /// The first attempt runs outside the retry pipeline: almost every turn starts at once, and the
    /// pipeline's own async state (it waits for the server inside it) would cost ~1 KB a turn for
    /// nothing. A failed first attempt is handed to the pipeline, which sees it as its own first
    /// attempt (replayed, not run again), so retry decisions, attempt numbers, delays and logs are
    /// those of a pipeline that ran it. Pooled builders: both wait for the server every turn, and
    /// would otherwise allocate their state each time.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(IAsyncEnumerator<ResponseStreamEvent>, ResponseStreamEvent)> OpenAsync(ResponseCreateRequest request, string? lane, CancellationToken cancellationToken)
    {
        // The call's retry state is made only when the first attempt fails: a turn that starts needs none.
        ApiKeyLease? lease = null;
        CallState state;
        try
        {
            lease = _keys.Current();
            return await AttemptAsync(this, request, lane, lease, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            state = new CallState { Lease = lease, FirstFailure = ExceptionDispatchInfo.Capture(ex) };
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallState.Key, state);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ResilienceContext ctx, (ResponsesClient, ResponseCreateRequest, string?, CallState) s) =>
                {
                    var (self, request, lane, state) = s;
                    if (state.FirstFailure is { } first)
                    {
                        state.FirstFailure = null;
                        first.Throw();
                    }

                    var lease = self._keys.Current();
                    state.Lease = lease;
                    return await AttemptAsync(self, request, lane, lease, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (this, request, lane, state)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<(IAsyncEnumerator<ResponseStreamEvent>, ResponseStreamEvent)> AttemptAsync(ResponsesClient self, ResponseCreateRequest request, string? lane, ApiKeyLease lease, CancellationToken cancellationToken)
    {
        var events = self._transport.StreamAsync(request, lease, lane, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            if (!await events.MoveNextAsync().ConfigureAwait(false))
            {
                throw new ResponsesConnectionException("The stream ended before its first event.");
            }
        }
        catch
        {
            await events.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        self._keys.ReportSuccess(lease);
        return (events, events.Current);
    }
}
