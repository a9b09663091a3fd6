using Microsoft.Extensions.Logging;
using Tandem.Benchmarks.Infrastructure;
using Tandem.Server;

namespace Tandem.Benchmarks.Agents;

/// <summary>
/// The local server for the early-dispatch benchmark, started in the benchmark process itself with
/// the benchmark's latency profile (the host's shared server runs profile <c>zero</c>, where nothing
/// streams slowly enough for early dispatch to matter). Only wall time is measured here, so the
/// server's CPU and allocations sharing the process do not distort a reported figure.
/// </summary>
public static class FanOutServer
{
    public static Task<TandemServerHost> StartAsync()
    {
        var options = new TandemServerOptions
        {
            Profile = FanOutScenario.ProfilePath,
            ScenarioDirectory = RepositoryPaths.Scenarios,
            RequestLogging = false,
        };
        options.Urls.Clear();
        options.Urls.Add("http://127.0.0.1:0");
        options.ApiKeys.Add(LocalServer.ApiKey);
        return TandemServerHost.StartAsync(options, logging => logging.SetMinimumLevel(LogLevel.Critical));
    }
}
