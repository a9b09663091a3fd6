using System.Text.Json;

namespace Tandem.Server.Backends;

/// <summary>A tool a scenario calls: its schema and how a client should simulate it.</summary>
public sealed class ScenarioTool
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public JsonElement? Parameters { get; set; }

    /// <summary>Simulated latency of one call, for clients that run the tool.</summary>
    public double LatencyMs { get; set; }

    /// <summary>Size of the simulated output, for clients that run the tool.</summary>
    public int OutputBytes { get; set; }
}
