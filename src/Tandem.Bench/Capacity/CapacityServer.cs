namespace Tandem.Bench.Capacity;

/// <summary>The server under test, however it runs: where to connect and what can be read of it.</summary>
internal abstract class CapacityServer : IAsyncDisposable
{
    public abstract CapacityServerMode Mode { get; }

    /// <summary>How it runs (command line, pid, GC mode…).</summary>
    public abstract string Description { get; }

    public abstract Uri BaseUri { get; }

    public Uri WebSocketUri => new UriBuilder(BaseUri) { Scheme = BaseUri.Scheme == "https" ? "wss" : "ws", Path = "/v1/responses" }.Uri;

    public abstract string? ApiKey { get; }

    /// <summary>The server's memory now; <paramref name="collect"/> runs a full collection first where that is possible.</summary>
    public abstract ServerMemorySample? SampleMemory(bool collect);

    /// <summary>The server process's CPU seconds so far, when it is a separate process.</summary>
    public abstract double? CpuSeconds();

    /// <summary>WebSocket connections (in-process) or sockets (child) the server holds now.</summary>
    public abstract int? ConnectionGauge();

    /// <summary>The server process's open-files limit, when it is a separate process.</summary>
    public abstract string? FileLimit { get; }

    public abstract ValueTask DisposeAsync();
}
