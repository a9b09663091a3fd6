using Microsoft.Extensions.Logging;
using Tandem.Server;

namespace Tandem.Benchmarks.Infrastructure;

/// <summary>
/// The local server the turn benchmarks talk to. It is started once by the BenchmarkDotNet host
/// process (<see cref="Program"/>) and handed to the benchmark processes through
/// <see cref="BaseUrlVariable"/>: BenchmarkDotNet measures allocations and CPU for the whole
/// benchmark process, so a server living there would be billed to the client under test.
/// </summary>
public static class LocalServer
{
    /// <summary>The server's base address (e.g. <c>http://127.0.0.1:41234/</c>); set it to benchmark an external server.</summary>
    public const string BaseUrlVariable = "TANDEM_BENCH_BASE_URL";

    /// <summary>The key the server accepts and every client sends (auth costs the same for all).</summary>
    public const string ApiKey = "sk-bench-aaaaaaaaaaaaaaaaaaaaaaaa";

    /// <summary>True in the process that hosts the server (then its CPU can be reported as the server's).</summary>
    public static bool HostedInThisProcess { get; private set; }

    /// <param name="profile">The server's latency profile: <c>zero</c> (no simulated waits) unless a benchmark needs model-like pacing.</param>
    public static async Task<TandemServerHost> StartAsync(string profile = "zero")
    {
        var options = new TandemServerOptions
        {
            Profile = profile,
            ScenarioDirectory = RepositoryPaths.Scenarios,
            RequestLogging = false,
        };
        options.Urls.Clear();
        options.Urls.Add("http://127.0.0.1:0");
        options.ApiKeys.Add(ApiKey);
        var host = await TandemServerHost.StartAsync(options, logging => logging.SetMinimumLevel(LogLevel.Critical)).ConfigureAwait(false);
        HostedInThisProcess = true;
        return host;
    }

    /// <summary>
    /// The server a plain-loop <paramref name="mode"/> (<c>turns</c>, <c>pair</c>) measures against: the one
    /// <see cref="BaseUrlVariable"/> names, in another process; null, having said so, when it is not set.
    /// </summary>
    public static async Task<Uri?> ExternalAsync(string mode)
    {
        if (Environment.GetEnvironmentVariable(BaseUrlVariable) is { Length: > 0 } url)
        {
            return new Uri(url);
        }

        await Console.Error.WriteLineAsync($"{mode}: set {BaseUrlVariable} to a server's address (start one with 'serve'), so that the server's work is not counted with the clients'.").ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// The server for a benchmark process: the one named by <see cref="BaseUrlVariable"/>, or else
    /// one started here (with a warning, as its costs then mix with the client's).
    /// </summary>
    public static async Task<(Uri BaseAddress, IAsyncDisposable? Owned)> ResolveAsync()
    {
        if (Environment.GetEnvironmentVariable(BaseUrlVariable) is { Length: > 0 } url)
        {
            if (HostedInThisProcess)
            {
                // An in-process toolchain (--inProcess) runs the benchmarks inside the host, beside the server.
                Console.WriteLine("// WARNING: the benchmarks run in the process that hosts the server; its CPU and allocations are counted with the client's.");
            }

            return (new Uri(url), null);
        }

        Console.WriteLine($"// WARNING: {BaseUrlVariable} is not set; starting the server inside the benchmark process, so its CPU and allocations are counted with the client's.");
        var host = await StartAsync().ConfigureAwait(false);
        return (host.BaseAddress, host);
    }

    public static Uri WebSocketUri(Uri baseAddress) =>
        new UriBuilder(baseAddress) { Scheme = baseAddress.Scheme == Uri.UriSchemeHttps ? "wss" : "ws", Path = "/v1/responses" }.Uri;
}
