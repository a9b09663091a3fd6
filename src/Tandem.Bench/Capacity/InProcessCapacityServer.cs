using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tandem.Server;

namespace Tandem.Bench.Capacity;

/// <summary><see cref="TandemServerHost"/> in this process (its memory includes the client's).</summary>
internal sealed class InProcessCapacityServer : CapacityServer
{
    private readonly TandemServerHost _host;

    private InProcessCapacityServer(TandemServerHost host, string apiKey)
    {
        _host = host;
        ApiKey = apiKey;
    }

    public override CapacityServerMode Mode => CapacityServerMode.InProcess;

    public override string Description =>
        $"in-process TandemServerHost (pid {Environment.ProcessId}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC); memory figures include the client";

    public override Uri BaseUri => _host.BaseAddress;

    public override string? ApiKey { get; }

    public override string? FileLimit => null;

    public static async Task<InProcessCapacityServer> StartAsync(CapacityOptions options, string apiKey, CancellationToken cancellationToken)
    {
        var serverOptions = new TandemServerOptions { Profile = options.Profile, RequestLogging = false };
        serverOptions.Urls.Clear();
        serverOptions.Urls.Add("http://127.0.0.1:0");
        serverOptions.ApiKeys.Add(apiKey);
        var host = await TandemServerHost.StartAsync(serverOptions, logging => logging.SetMinimumLevel(LogLevel.Warning), cancellationToken).ConfigureAwait(false);
        return new InProcessCapacityServer(host, apiKey);
    }

    public override ServerMemorySample? SampleMemory(bool collect)
    {
        if (collect)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        var sample = ProcFs.Sample(Environment.ProcessId) ?? new ServerMemorySample();
        using var self = Process.GetCurrentProcess();
        sample.WorkingSetBytes ??= self.WorkingSet64;
        sample.GcHeapBytes = GC.GetTotalMemory(forceFullCollection: false);
        sample.GcCommittedBytes = GC.GetGCMemoryInfo().TotalCommittedBytes;
        return sample;
    }

    public override double? CpuSeconds() => null;

    public override int? ConnectionGauge() => _host.OpenWebSocketConnections;

    public override ValueTask DisposeAsync() => _host.DisposeAsync();
}
