namespace Tandem.Server;

/// <summary>Settings of the local Responses server.</summary>
public sealed class TandemServerOptions
{
    /// <summary>Addresses to listen on, e.g. <c>http://127.0.0.1:0</c> (port 0 picks a free port).</summary>
    public List<string> Urls { get; } = ["http://127.0.0.1:8080"];

    /// <summary>
    /// The certificate for the <c>https</c> addresses of <see cref="Urls"/> (HTTP/1.1 and HTTP/2 by
    /// ALPN, and <c>wss</c>); null serves plain HTTP only.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; set; }

    /// <summary>API keys accepted as <c>Authorization: Bearer</c>. Empty means authentication is off (every caller is one anonymous owner).</summary>
    public List<string> ApiKeys { get; } = [];

    /// <summary>A file of API keys, one per line (<c>#</c> starts a comment), added to <see cref="ApiKeys"/>.</summary>
    public string? KeysFile { get; set; }

    /// <summary>
    /// Keys (also listed in <see cref="ApiKeys"/>) whose first request gets a 401 and later ones
    /// succeed — a transient authentication failure, for testing clients' retry and failover. A key
    /// listed N times is refused N times.
    /// </summary>
    public List<string> RejectOnceKeys { get; } = [];

    /// <summary>When false, WebSocket upgrades on <c>/v1/responses</c> get 426 so clients fall back to HTTP.</summary>
    public bool EnableWebSocket { get; set; } = true;

    /// <summary>How long one WebSocket connection may live (OpenAI: 60 minutes).</summary>
    public TimeSpan MaxConnectionDuration { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Largest client message accepted on a WebSocket; a larger one closes the socket with 1009.</summary>
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Responses one WebSocket connection runs at once; more wait in their lanes.</summary>
    public int MaxInFlightPerConnection { get; set; } = 16;

    /// <summary>Named lanes (<c>stream_id</c>) one connection may open in its lifetime.</summary>
    public int MaxLanesPerConnection { get; set; } = 32;

    /// <summary>Requests waiting in one lane before the connection stops reading (back-pressure, nothing dropped).</summary>
    public int LaneQueueCapacity { get; set; } = 64;

    /// <summary>Interval of server pings on idle WebSockets; <see cref="TimeSpan.Zero"/> disables them.</summary>
    public TimeSpan WebSocketKeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>memory</c> (default) or <c>sqlite:PATH</c>.</summary>
    public string Store { get; set; } = "memory";

    /// <summary><c>zero</c>, <c>openai-like</c>, or the path of a profile JSON file.</summary>
    public string Profile { get; set; } = "zero";

    /// <summary>
    /// Model backends consulted before the built-in ones (scripted scenarios, then the default): the
    /// first whose <see cref="Backends.IModelBackend.CanServe"/> is true answers.
    /// </summary>
    public List<Backends.IModelBackend> Backends { get; } = [];

    /// <summary>A profile given as an object (e.g. scaled by the bench); when set, <see cref="Profile"/> is not read.</summary>
    public Operations.LatencyProfile? LatencyProfile { get; set; }

    /// <summary>Folder of scenario files (<c>*.json</c>); <see langword="null"/> finds <c>scenarios/</c> above the working directory.</summary>
    public string? ScenarioDirectory { get; set; }

    /// <summary>The model named in <c>GET /v1/models</c> for the default behaviour.</summary>
    public string DefaultModel { get; set; } = "tandem-default";

    /// <summary>Time source, replaceable in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Log one line per request and turn (no secrets).</summary>
    public bool RequestLogging { get; set; } = true;

    /// <summary>
    /// The largest rendered input (instructions, tools and context, in o200k tokens) a turn may have;
    /// larger is refused with <c>context_length_exceeded</c>. 272,000 is the GPT-5 family's input limit.
    /// </summary>
    public int ContextWindowTokens { get; set; } = 272_000;

    /// <summary>
    /// Accept <c>context_management</c> compaction. When false the parameter is refused as unknown, the
    /// way an endpoint without server-side compaction answers, so clients' fallbacks can be tested.
    /// </summary>
    public bool EnableCompaction { get; set; } = true;

    /// <summary>
    /// Told of every completed response with its scheduled timings (the bench computes ideal wall
    /// times from them). Called on the serving path: keep it short and thread-safe.
    /// </summary>
    public Action<Sessions.ServedResponse>? OnResponseServed { get; set; }

    /// <summary>The local Realtime endpoint (<c>GET /v1/realtime</c>): its models, limits and speech output.</summary>
    public RealtimeServerOptions Realtime { get; } = new();
}
