using Tandem.Agents.Tools;
using Tandem.Bench.Scenarios;
using Tandem.Server.Backends;

namespace Tandem.Bench.Clients;

/// <summary>A scenario tool as an <see cref="ITool"/> for Tandem's runtime: strict schema, simulated latency and output.</summary>
internal sealed class SimulatedAgentTool(ScenarioTool tool) : ITool
{
    public ToolDefinition Definition { get; } = new()
    {
        Name = tool.Name,
        Description = tool.Description,
        Parameters = tool.Parameters!.Value,
        Timeout = TimeSpan.FromMilliseconds(tool.LatencyMs) + TimeSpan.FromMinutes(1),
    };

    public async ValueTask<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken) =>
        new(await SimulatedTool.RunAsync(tool, call.Arguments, cancellationToken).ConfigureAwait(false));
}
