using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tandem.Server.Backends;
using Tandem.Server.Endpoints;
using Tandem.Server.Operations;
using Tandem.Server.Realtime;
using Tandem.Server.Sessions;

namespace Tandem.Server;

/// <summary>
/// A running local Responses server. <see cref="StartAsync"/> binds Kestrel to
/// <see cref="TandemServerOptions.Urls"/> (port 0 picks a free port) and returns once it listens.
/// </summary>
public sealed class TandemServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IResponseStore _store;
    private readonly RealtimeHub? _realtime;

    private TandemServerHost(WebApplication app, IResponseStore store, IReadOnlyList<Uri> addresses, LatencyProfile profile, ScenarioCatalog scenarios, ServerState state, RealtimeHub? realtime)
    {
        _app = app;
        _store = store;
        _realtime = realtime;
        Addresses = addresses;
        Profile = profile;
        Scenarios = scenarios;
        State = state;
    }

    /// <summary>The bound HTTP addresses, ports resolved.</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>The first address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress => Addresses[0];

    /// <summary>The WebSocket-mode endpoint, e.g. <c>ws://127.0.0.1:41234/v1/responses</c>.</summary>
    public Uri WebSocketUri => new UriBuilder(BaseAddress) { Scheme = BaseAddress.Scheme == "https" ? "wss" : "ws", Path = "/v1/responses" }.Uri;

    /// <summary>The local Realtime endpoint, e.g. <c>ws://127.0.0.1:41234/v1/realtime</c> (add <c>?model=sphinx-lm</c>).</summary>
    public Uri RealtimeUri => new UriBuilder(BaseAddress) { Scheme = BaseAddress.Scheme == "https" ? "wss" : "ws", Path = RealtimeEndpoint.Path }.Uri;

    /// <summary>Open Realtime sessions right now.</summary>
    public int OpenRealtimeSessions => _realtime?.OpenSessions ?? 0;

    public LatencyProfile Profile { get; }

    public ScenarioCatalog Scenarios { get; }

    /// <summary>Open WebSocket connections right now.</summary>
    public int OpenWebSocketConnections => State.OpenConnections;

    internal ServerState State { get; }

    /// <summary>Starts the server; configuration errors (profile, store, scenarios, keys) throw <see cref="ArgumentException"/> or <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static async Task<TandemServerHost> StartAsync(TandemServerOptions options, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxMessageBytes < 1024)
        {
            throw new ArgumentException($"MaxMessageBytes must be at least 1024, not {options.MaxMessageBytes}.", nameof(options));
        }

        if (options.MaxConnectionDuration <= TimeSpan.Zero)
        {
            throw new ArgumentException($"MaxConnectionDuration must be positive, not {options.MaxConnectionDuration}.", nameof(options));
        }

        if (options.MaxInFlightPerConnection < 1 || options.MaxLanesPerConnection < 0 || options.LaneQueueCapacity < 1)
        {
            throw new ArgumentException("MaxInFlightPerConnection and LaneQueueCapacity must be at least 1, MaxLanesPerConnection at least 0.", nameof(options));
        }

        if (options.ContextWindowTokens < 1000)
        {
            throw new ArgumentException($"ContextWindowTokens must be at least 1000, not {options.ContextWindowTokens}.", nameof(options));
        }

        if (options.Realtime.Enabled)
        {
            RealtimeHub.Validate(options.Realtime);
        }

        var profile = options.LatencyProfile ?? LatencyProfile.Load(options.Profile);
        var scenarioDirectory = options.ScenarioDirectory ?? ScenarioCatalog.FindDirectory(Directory.GetCurrentDirectory()) ?? ScenarioCatalog.FindDirectory(AppContext.BaseDirectory);
        var scenarios = scenarioDirectory is null ? ScenarioCatalog.Empty : ScenarioCatalog.Load(scenarioDirectory);
        var keys = new List<string>(options.ApiKeys);
        if (options.KeysFile is { } keysFile)
        {
            keys.AddRange(ApiKeyAuthenticator.ReadKeysFile(keysFile));
        }

        var store = ResponseStoreFactory.Create(options.Store);

        // Load the o200k vocabulary now, not inside the first request (it takes a few hundred ms).
        _ = TokenCounter.Count("warm-up");

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.WebHost.UseUrls([.. options.Urls]);
        if (options.Certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration(); // the slim builder leaves HTTPS out
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            if (options.Certificate is { } certificate)
            {
                k.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }

            k.Limits.MaxRequestBodySize = Math.Max(options.MaxMessageBytes, 64L * 1024 * 1024);
        });
        builder.Logging.ClearProviders();
        if (configureLogging is not null)
        {
            configureLogging(builder.Logging);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }

        RedactLogs(builder.Services, keys);
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tandem.Server");
        var authenticator = new ApiKeyAuthenticator(keys, options.RejectOnceKeys);
        if (!authenticator.Enabled)
        {
            ServerLog.AuthenticationDisabled(logger);
        }

        IModelBackend[] backends = [.. options.Backends, new ScriptedBackend(scenarios), new DefaultBackend()];
        var engine = new ResponseEngine(store, backends, profile, options.TimeProvider, logger, options.RequestLogging, options.ContextWindowTokens, options.EnableCompaction, options.OnResponseServed);
        var state = new ServerState { Options = options, Engine = engine, Authenticator = authenticator, Scenarios = scenarios, Logger = logger };

        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.WebSocketKeepAlive });
        app.Use((context, next) => RequestPipeline.InvokeAsync(context, next, state));
        WebSocketEndpoint.Map(app, state);
        HttpResponsesEndpoints.Map(app, state);
        var realtime = options.Realtime.Enabled ? new RealtimeHub(options, logger, app.Lifetime.ApplicationStopping) : null;
        RealtimeEndpoint.Map(app, realtime);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)))
            .ToList();
        return new TandemServerHost(app, store, addresses, profile, scenarios, state, realtime);
    }

    /// <summary>
    /// Checklist S9: every log provider the host was given writes through a redactor that knows the
    /// accepted keys and key-shaped strings, so an exception text quoting a key or an upstream body
    /// (S10 keeps those out of answers, not out of logs) never reaches a log sink.
    /// </summary>
    private static void RedactLogs(IServiceCollection services, IReadOnlyList<string> keys)
    {
        var store = new Tandem.Security.Secrets.SecretStore();
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Length >= Tandem.Security.Secrets.Redactor.MinimumValueLength)
            {
                store.Add($"API_KEY_{i + 1}", keys[i]);
            }
        }

        var redactor = new Tandem.Security.Secrets.Redactor(store);
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(ILoggerProvider))
            {
                continue;
            }

            services[i] = ServiceDescriptor.Singleton<ILoggerProvider>(sp => new Tandem.Security.Secrets.RedactingLoggerProvider(Resolve(sp, descriptor), redactor));
        }

        static ILoggerProvider Resolve(IServiceProvider sp, ServiceDescriptor d) =>
            d.ImplementationInstance as ILoggerProvider
            ?? (d.ImplementationFactory is { } factory ? (ILoggerProvider)factory(sp) : (ILoggerProvider)ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));
    }

    /// <summary>
    /// Drops every open WebSocket connection abruptly (no close frame), as a network failure or a
    /// crashed gateway would: lets clients' reconnect and chain healing be tested.
    /// </summary>
    public int DropWebSocketConnections()
    {
        var dropped = 0;
        foreach (var session in State.Sessions)
        {
            session.Abort();
            dropped++;
        }

        return dropped;
    }

    /// <summary>Completes when the host shuts down (Ctrl+C, SIGTERM, or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        (_store as IDisposable)?.Dispose();
        _realtime?.Dispose();
    }
}
