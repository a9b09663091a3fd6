namespace Tandem.Bench.Capacity;

/// <summary>Settings of <c>tandem bench server</c>: the local server's capacity.</summary>
public sealed class CapacityOptions
{
    /// <summary>Idle WebSocket connections to hold open at once (target: 10,000). 0 skips the idle test.</summary>
    public int Connections { get; set; } = 10_000;

    /// <summary>Connections being opened (or closed) at the same time during the idle test.</summary>
    public int ConnectConcurrency { get; set; } = 64;

    /// <summary>The idle test stops opening connections after this many failures (e.g. the descriptor limit).</summary>
    public int MaxConnectFailures { get; set; } = 100;

    /// <summary>How long the connections stay idle before the server's memory is read.</summary>
    public TimeSpan IdleSettle { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The measured window of the turn test (target: 2,000 turns/s). <see cref="TimeSpan.Zero"/> skips it.</summary>
    public TimeSpan TurnDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Turns run (not counted) before the window, so JIT and tiering are done.</summary>
    public TimeSpan TurnWarmup { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>WebSocket connections of the turn test, each sending its turns back to back.</summary>
    public int TurnConcurrency { get; set; } = 64;

    /// <summary>
    /// 0: every turn is a fresh one-message response. N &gt; 0: each connection chains N turns with
    /// <c>previous_response_id</c> (served from the connection cache, <c>store:false</c>), then starts over.
    /// </summary>
    public int ChainTurns { get; set; }

    /// <summary>The user text of each turn (the default backend answers by quoting it).</summary>
    public string TurnInput { get; set; } = "Say hello to the capacity bench.";

    /// <summary>The model named in each turn.</summary>
    public string Model { get; set; } = "tandem-default";

    /// <summary>Keep the idle connections open during the turn test (turns/s with N idle peers).</summary>
    public bool KeepIdleDuringTurns { get; set; }

    /// <summary>Where the server runs; see <see cref="CapacityServerMode"/>.</summary>
    public CapacityServerMode Mode { get; set; } = CapacityServerMode.ChildProcess;

    /// <summary>The server's address in <see cref="CapacityServerMode.External"/> mode, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// The Bearer key. For a started server, <see langword="null"/> makes one up and passes it to the
    /// server (so authentication runs, as it would in use); for an external one, <see langword="null"/> sends none.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The path of <c>tandem.dll</c> for the child process; <see langword="null"/> looks beside this assembly and in the repository.</summary>
    public string? ServerAssemblyPath { get; set; }

    /// <summary>The server's latency profile (<c>zero</c> measures the server's own costs).</summary>
    public string Profile { get; set; } = "zero";

    /// <summary>Extra environment variables of the child server (e.g. <c>DOTNET_gcServer=1</c>), for experiments.</summary>
    public Dictionary<string, string> ChildEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>How long one connect or close may take before it counts as failed.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
