using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Tandem.Server;
using Tandem.Server.Operations;

namespace Tandem.Bench.Running;

/// <summary>The embedded server on loopback, with a random key, reporting what it served to a <see cref="ServedLog"/>.</summary>
internal sealed class LocalBenchServer : IAsyncDisposable
{
    private readonly TandemServerHost _host;

    private LocalBenchServer(TandemServerHost host, string key)
    {
        _host = host;
        Key = key;
    }

    public string Key { get; }

    public Uri BaseUrl => new(_host.BaseAddress, "/v1/");

    public LatencyProfile Profile => _host.Profile;

    public static async Task<LocalBenchServer> StartAsync(LatencyProfile profile, string scenarioDirectory, ServedLog? served, CancellationToken cancellationToken)
    {
        var key = "sk-bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var options = new TandemServerOptions
        {
            LatencyProfile = profile,
            ScenarioDirectory = scenarioDirectory,
            RequestLogging = false,
            OnResponseServed = served is null ? null : served.Add,
        };
        options.Urls.Clear();
        options.Urls.Add("http://127.0.0.1:0");
        options.ApiKeys.Add(key);
        var host = await TandemServerHost.StartAsync(options, logging => logging.SetMinimumLevel(LogLevel.Critical), cancellationToken).ConfigureAwait(false);
        return new LocalBenchServer(host, key);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
