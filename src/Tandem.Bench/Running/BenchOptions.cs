namespace Tandem.Bench.Running;

/// <summary>What <c>tandem bench</c> runs; every field is printed in the report.</summary>
public sealed class BenchOptions
{
    /// <summary>The scenario folder (default: <c>scenarios/</c> above the working directory).</summary>
    public string? ScenarioDirectory { get; set; }

    /// <summary>Scenario names; empty = the bench set (<see cref="BenchSets.Full"/> or <see cref="BenchSets.Quick"/>).</summary>
    public List<string> Scenarios { get; } = [];

    /// <summary>Client names; empty = all.</summary>
    public List<string> Clients { get; } = [];

    /// <summary>Measured runs per scenario and client.</summary>
    public int Runs { get; set; } = 5;

    /// <summary>Turns each client runs before measuring (JIT, connection pools, caches), on a zero-latency server.</summary>
    public int WarmupTurns { get; set; } = 300;

    /// <summary>The local server's latency profile: <c>zero</c>, <c>openai-like</c>, or a file.</summary>
    public string Profile { get; set; } = "openai-like";

    /// <summary>
    /// Multiplies every time of the profile and every tool latency (the decode rate is divided by it):
    /// the same shape of costs on a shorter clock. Quick runs use 0.1; the ideal follows.
    /// </summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>A real endpoint instead of the embedded server (key from <see cref="ApiKey"/>).</summary>
    public Uri? BaseUrl { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>The model to name on a real endpoint (scenarios' scripts do not apply there).</summary>
    public string? Model { get; set; }

    /// <summary>Prices for the cost estimate: this model's, from <see cref="PricingFile"/>.</summary>
    public string PriceModel { get; set; } = "gpt-5-mini";

    public string? PricingFile { get; set; }

    /// <summary>On a real endpoint, the run is refused when its estimated cost exceeds this (USD).</summary>
    public double MaxCostUsd { get; set; } = 1.0;

    public bool Quick { get; set; }

    /// <summary>Where bench-results.json, the report and the charts go.</summary>
    public string OutputDirectory { get; set; } = "bench-results";
}
