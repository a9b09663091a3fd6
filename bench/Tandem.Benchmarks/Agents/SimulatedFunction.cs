using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Tandem.Benchmarks.Agents;

/// <summary>
/// A <see cref="ToolSimulation"/> as an <see cref="AIFunction"/> (for <c>FunctionInvokingChatClient</c>):
/// the same schema, wait and output as the Tandem tool, so only the tool loop differs between clients.
/// </summary>
public sealed class SimulatedFunction(ToolSimulation simulation) : AIFunction
{
    public override string Name => simulation.Name;

    public override string Description => simulation.Description ?? string.Empty;

    public override JsonElement JsonSchema => simulation.Parameters;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        await simulation.RunAsync(cancellationToken).ConfigureAwait(false);
}
