using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Tandem.Bench.Clients;
using Tandem.Bench.Scenarios;
using Tandem.Server;
using Tandem.Server.Sessions;
using Tandem.TestSupport;

namespace Tandem.Bench.Tests.Clients;

/// <summary>The local server (zero profile, the repository's scenarios) started in-process once for the client tests.</summary>
public sealed class ClientServerFixture : IAsyncLifetime
{
    public const string Key = "sk-bench-clients-test-key";

    private TandemServerHost? _host;

    /// <summary>What the server served, by response id.</summary>
    public ConcurrentDictionary<string, ServedResponse> Served { get; } = new();

    public TandemServerHost Host => _host ?? throw new InvalidOperationException("The server is not started.");

    public BenchTarget Target => new(new Uri(Host.BaseAddress, "/v1/"), Key);

    public BenchScenario Scenario(string name)
    {
        Assert.True(Host.Scenarios.TryGet(name, out var scenario), $"scenario '{name}' not found in {Fixtures.Scenarios}");
        var bench = new BenchScenario(scenario);
        bench.Validate();
        return bench;
    }

    public async ValueTask InitializeAsync()
    {
        var options = new TandemServerOptions
        {
            ScenarioDirectory = Fixtures.Scenarios,
            RequestLogging = false,
            Profile = "zero",
            OnResponseServed = served => Served[served.Id] = served,
        };
        options.Urls.Clear();
        options.Urls.Add("http://127.0.0.1:0");
        options.ApiKeys.Add(Key);
        _host = await TandemServerHost.StartAsync(options, logging => logging.SetMinimumLevel(LogLevel.Critical));
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
