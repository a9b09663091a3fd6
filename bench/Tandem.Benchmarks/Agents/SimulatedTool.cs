using Tandem.Agents.Tools;

namespace Tandem.Benchmarks.Agents;

/// <summary>A <see cref="ToolSimulation"/> as a Tandem tool (for <c>AgentRunner</c>), with the scenario's schema as is.</summary>
public sealed class SimulatedTool(ToolSimulation simulation) : ITool
{
    public ToolDefinition Definition { get; } = new()
    {
        Name = simulation.Name,
        Description = simulation.Description,
        Parameters = simulation.Parameters,
        Strict = true,
    };

    public async ValueTask<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken) =>
        new(await simulation.RunAsync(cancellationToken).ConfigureAwait(false));
}
