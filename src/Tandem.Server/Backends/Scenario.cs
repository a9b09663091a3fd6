using System.Text.Json;

namespace Tandem.Server.Backends;

/// <summary>
/// A scripted tool graph: turn by turn, what the model emits. The same files drive the bench.
/// See <c>docs/scenarios.md</c> for the format.
/// </summary>
public sealed class Scenario
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    /// <summary>The tools the scenario calls, with their simulated latency (for clients that run them).</summary>
    public List<ScenarioTool> Tools { get; set; } = [];

    public List<ScenarioTurn> Turns { get; set; } = [];

    /// <summary>Free-form settings for clients that run the scenario (e.g. the bench); ignored by the server.</summary>
    public Dictionary<string, JsonElement>? Client { get; set; }
}
