using System.Text;
using System.Text.Json;
using Tandem.Server.Backends;

namespace Tandem.Benchmarks.Agents;

/// <summary>
/// One scenario tool as every client of the benchmark runs it: the scenario's schema, a wait of its
/// <c>latency_ms</c> (<see cref="Task.Delay(TimeSpan, CancellationToken)"/>, as a real I/O-bound tool
/// waits) and an output of its <c>output_bytes</c> that starts with "NAME ok", which the scenario's
/// <c>expect_output</c> checks, so a client that swaps outputs between calls fails the run.
/// </summary>
public sealed class ToolSimulation
{
    private ToolSimulation(string name, string? description, JsonElement parameters, TimeSpan latency, string output)
    {
        Name = name;
        Description = description;
        Parameters = parameters;
        Latency = latency;
        Output = output;
    }

    public string Name { get; }

    public string? Description { get; }

    public JsonElement Parameters { get; }

    public TimeSpan Latency { get; }

    public string Output { get; }

    public static IReadOnlyList<ToolSimulation> From(Scenario scenario) => scenario.Tools.Select(From).ToList();

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Latency, cancellationToken).ConfigureAwait(false);
        return Output;
    }

    private static ToolSimulation From(ScenarioTool tool)
    {
        var output = new StringBuilder(tool.Name).Append(" ok:");
        while (output.Length < tool.OutputBytes)
        {
            output.Append(" result line ").Append(output.Length);
        }

        return new ToolSimulation(
            tool.Name,
            tool.Description,
            tool.Parameters ?? throw new InvalidDataException($"Scenario tool '{tool.Name}' has no parameters schema."),
            TimeSpan.FromMilliseconds(tool.LatencyMs),
            output.ToString());
    }
}
