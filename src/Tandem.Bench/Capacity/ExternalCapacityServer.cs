namespace Tandem.Bench.Capacity;

/// <summary>A server someone else runs: only its address is known.</summary>
internal sealed class ExternalCapacityServer(Uri baseUri, string? apiKey) : CapacityServer
{
    public override CapacityServerMode Mode => CapacityServerMode.External;

    public override string Description => $"external server at {BaseUri} (memory not measured)";

    public override Uri BaseUri { get; } = baseUri;

    public override string? ApiKey { get; } = apiKey;

    public override string? FileLimit => null;

    public override ServerMemorySample? SampleMemory(bool collect) => null;

    public override double? CpuSeconds() => null;

    public override int? ConnectionGauge() => null;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
