using System.Text.Json;
using Tandem.Server.Backends;

namespace Tandem.Bench.Scenarios;

/// <summary>
/// A scenario as the bench runs it: the scripted tool graph the server plays (the same file), the
/// tools a client must offer and simulate (latency and output size are data), and the first user
/// message. The model the clients name is <c>scenario/NAME</c> on the local server.
/// </summary>
public sealed class BenchScenario
{
    /// <param name="source">The scenario file's content.</param>
    /// <param name="toolLatencyScale">Multiplies every tool's latency (quick runs); the ideal follows.</param>
    public BenchScenario(Scenario source, double toolLatencyScale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toolLatencyScale);
        Source = source;
        Tools = [.. source.Tools.Select(t => new ScenarioTool
        {
            Name = t.Name,
            Description = t.Description,
            Parameters = t.Parameters,
            LatencyMs = t.LatencyMs * toolLatencyScale,
            OutputBytes = t.OutputBytes,
        })];
        Prompt = source.Client is { } client && client.TryGetValue("prompt", out var prompt) && prompt.ValueKind == JsonValueKind.String
            ? prompt.GetString()!
            : $"Run the '{source.Name}' task.";
    }

    public Scenario Source { get; }

    public string Name => Source.Name;

    public string Model => "scenario/" + Source.Name;

    /// <summary>The first (and only) user message.</summary>
    public string Prompt { get; }

    /// <summary>Model turns, the final answer included.</summary>
    public int Turns => Source.Turns.Count;

    /// <summary>Function calls over the whole scenario.</summary>
    public int Calls => Source.Turns.Sum(t => t.Output.Count(o => o.Type == "function_call"));

    /// <summary>The tools to offer and simulate, latencies scaled.</summary>
    public IReadOnlyList<ScenarioTool> Tools { get; }

    /// <summary>The simulated tool of <paramref name="name"/>, or why the scenario cannot be run (a call to a tool it does not declare).</summary>
    public ScenarioTool Tool(string name) =>
        Tools.FirstOrDefault(t => t.Name == name)
        ?? throw new InvalidDataException($"Scenario '{Name}' calls '{name}', which its 'tools' do not declare.");

    /// <summary>Checks that every called tool is declared, with a schema, so every client can offer it.</summary>
    public void Validate()
    {
        foreach (var call in Source.Turns.SelectMany(t => t.Output).Where(o => o.Type == "function_call"))
        {
            var tool = Tool(call.Name!);
            if (tool.Parameters is not { ValueKind: JsonValueKind.Object })
            {
                throw new InvalidDataException($"Scenario '{Name}': tool '{tool.Name}' needs 'parameters' (a JSON schema) for the bench to offer it.");
            }
        }
    }
}
