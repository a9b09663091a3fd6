using Microsoft.Extensions.Logging;

namespace Tandem.Responses;

/// <summary>Settings of a <see cref="ResponsesClient"/>. The base URL alone selects the service.</summary>
public sealed class ResponsesClientOptions
{
    /// <summary>
    /// The API root that <c>responses</c> is appended to: <c>https://api.openai.com/v1/</c> (default),
    /// <c>https://RESOURCE.openai.azure.com/openai/v1/</c>, <c>https://api.x.ai/v1/</c>, or a local
    /// <c>tandem serve</c> (<c>http://127.0.0.1:8080/v1/</c>).
    /// </summary>
    public Uri BaseUrl { get; set; } = new("https://api.openai.com/v1/");

    /// <summary>API keys; more than one makes a pool with failover (see <see cref="Auth.ApiKeyPool"/>).</summary>
    public List<string> ApiKeys { get; } = [];

    public ResponsesTransportKind Transport { get; set; } = ResponsesTransportKind.WebSocket;

    /// <summary>
    /// WebSocket mode: name lanes with <c>stream_id</c> so responses of different lanes run
    /// concurrently on one socket. Off by default: the launch behaviour (one response at a time per
    /// socket) is what most compatible servers implement.
    /// </summary>
    public bool MultiLane { get; set; }

    /// <summary>Upper bound of one HTTP request, headers to last event.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Upper bound of a TCP/TLS/WebSocket handshake.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>WebSocket pings; an unanswered ping (after <see cref="KeepAliveTimeout"/>) drops the connection.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>While a response is in flight, the longest silence accepted before the connection is declared dead.</summary>
    public TimeSpan ReceiveIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Open a fresh socket, between turns, once a connection is this old (servers cap it at 60 minutes).</summary>
    public TimeSpan RotateConnectionAfter { get; set; } = TimeSpan.FromMinutes(55);

    /// <summary>Reconnect attempts after an abnormal close, with capped exponential backoff and jitter.</summary>
    public int MaxReconnectAttempts { get; set; } = 5;

    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Retries of a turn that failed before producing output (connection errors, 408, 409, 429, 5xx).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>A server's Retry-After is honoured up to this; a longer one fails the call.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Delay before the one retry of a 401 on the same key.</summary>
    public TimeSpan UnauthorizedRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often unhealthy keys are probed with <c>GET /v1/models</c>.</summary>
    public TimeSpan KeyProbeInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Responses waiting for one lane before <c>StreamAsync</c> refuses more.</summary>
    public int MaxQueuedPerLane { get; set; } = 64;

    /// <summary>Events buffered per lane before the socket reader waits for the consumer (back-pressure).</summary>
    public int LaneEventBuffer { get; set; } = 256;

    /// <summary>
    /// WebSocket mode: the connection's receive thread wakes a waiting reader once per burst of frames
    /// (just before it waits for more) and, by default, runs the reader's code itself, which saves a
    /// thread-pool hop per burst. Off, every reader resumes on the thread pool: choose that when a
    /// consumer does heavy synchronous work per event, which would otherwise hold up the socket (and
    /// the connection's other lanes) meanwhile.
    /// </summary>
    public bool DeliverEventsInline { get; set; } = true;

    /// <summary>
    /// How long a connection's thread keeps looking for more data, yielding the CPU between looks,
    /// before it sleeps in the kernel; zero never spins. On a virtual machine a sleeping thread lets
    /// its CPU halt, and waking it again costs tens of microseconds per burst of frames: against the
    /// local server spinning cut a turn's median latency by ~8% over WebSocket and ~27% over HTTP
    /// (medians of nine interleaved A/B pairs each), at no extra CPU (docs/performance.md,
    /// "A seventh pass"). It spins only while most recent waits on the connection ended within this
    /// time, and less often after spins that caught nothing (after each such spin the next 2, 4, …
    /// up to 64 waits sleep at once), so against a distant server, whose data comes milliseconds
    /// apart, it stops after a couple of spins. A wait that turns into one for an answer (a request
    /// goes out while it spins) may spin up to this long again from then. At most 10 ms. Applies to the connections the client
    /// opens itself (not with <see cref="HttpHandler"/> or <see cref="WebSocketInvoker"/> of yours);
    /// read when the client is made.
    /// </summary>
    public TimeSpan ReceiveSpinLimit { get; set; } = TimeSpan.FromMicroseconds(200);

    /// <summary>Largest server message accepted on a WebSocket.</summary>
    public int MaxIncomingMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Extra headers on every request and handshake (e.g. <c>OpenAI-Organization</c>).</summary>
    public Dictionary<string, string> DefaultHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The HTTP handler; replaceable for tests and proxies. Default: a pooled
    /// <see cref="System.Net.Http.SocketsHttpHandler"/> whose connections each wait for data on a
    /// thread of their own and resume their reader there (docs/client.md, "Connections").
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>
    /// What WebSocket handshakes go through (e.g. a <see cref="System.Net.Http.SocketsHttpHandler"/> with a
    /// <c>ConnectCallback</c> that counts bytes, or a proxy). Default: a handler of each connection's
    /// own whose TCP stream gives the connection a thread that waits for frames in the kernel; with
    /// an invoker of yours the receive loop still has its own thread, but waits through the runtime's
    /// asynchronous sockets (docs/client.md, "Connections").
    /// </summary>
    public HttpMessageInvoker? WebSocketInvoker { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Tests: the kernel send buffer of the WebSocket's TCP socket (SO_SNDBUF), small enough to make
    /// a large request fill it; null leaves the system's default (tuned by the kernel as it goes).
    /// </summary>
    internal int? WebSocketSendBufferBytes { get; set; }

    /// <summary>
    /// Tests: checks the server's TLS certificate instead of the system's trust (a local server's
    /// self-signed one), on the client's own HTTP handler and WebSocket handshakes alike.
    /// </summary>
    internal System.Net.Security.RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    internal Uri ResponsesUri => new(WithTrailingSlash(BaseUrl), "responses");

    internal Uri ModelsUri => new(WithTrailingSlash(BaseUrl), "models");

    internal Uri WebSocketUri
    {
        get
        {
            var builder = new UriBuilder(ResponsesUri);
            builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
            return builder.Uri;
        }
    }

    /// <summary>Azure OpenAI takes keys in an <c>api-key</c> header; everyone else in <c>Authorization: Bearer</c>.</summary>
    internal bool UsesAzureKeyHeader => BaseUrl.Host.EndsWith(".openai.azure.com", StringComparison.OrdinalIgnoreCase)
        || BaseUrl.Host.EndsWith(".cognitiveservices.azure.com", StringComparison.OrdinalIgnoreCase);

    internal void Validate()
    {
        if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"BaseUrl must be an absolute http(s) URL, not '{BaseUrl}'.");
        }

        if (ApiKeys.Count == 0)
        {
            throw new ArgumentException("At least one API key is required (ApiKeys).");
        }

        if (ApiKeys.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("An API key is empty.");
        }

        if (MaxRetries < 0 || MaxReconnectAttempts < 0 || MaxQueuedPerLane < 1 || LaneEventBuffer < 1)
        {
            throw new ArgumentException("MaxRetries and MaxReconnectAttempts must be ≥ 0; MaxQueuedPerLane and LaneEventBuffer ≥ 1.");
        }

        if (ReceiveSpinLimit < TimeSpan.Zero || ReceiveSpinLimit > TimeSpan.FromMilliseconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(ReceiveSpinLimit), ReceiveSpinLimit, "ReceiveSpinLimit must be between zero (never spin) and 10 ms.");
        }
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri;
}
