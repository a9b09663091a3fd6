using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Tandem.Bench.Scenarios;
using Tandem.Server.Backends;

namespace Tandem.Bench.Clients;

/// <summary>
/// A scenario tool as a Microsoft.Extensions.AI <see cref="AIFunction"/>: the scenario's JSON schema,
/// offered strict (<c>"strict": true</c> in <see cref="AITool.AdditionalProperties"/>, which
/// Microsoft.Extensions.AI.OpenAI reads), running <see cref="SimulatedTool"/>.
/// </summary>
internal sealed class SimulatedAIFunction(ScenarioTool tool) : AIFunction
{
    private static readonly IReadOnlyDictionary<string, object?> Strict = new Dictionary<string, object?> { ["strict"] = true };

    public override string Name => tool.Name;

    public override string Description => tool.Description ?? string.Empty;

    public override JsonElement JsonSchema => tool.Parameters!.Value;

    public override IReadOnlyDictionary<string, object?> AdditionalProperties => Strict;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        await SimulatedTool.RunAsync(tool, ArgumentsJson(arguments), cancellationToken).ConfigureAwait(false);

    // The call's arguments as the model sent them (compact JSON), as every client passes them to SimulatedTool.
    private static string ArgumentsJson(AIFunctionArguments arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, RawResponsesProtocol.WriterOptions))
        {
            json.WriteStartObject();
            foreach (var (name, value) in arguments)
            {
                json.WritePropertyName(name);
                if (value is JsonElement element)
                {
                    element.WriteTo(json);
                }
                else
                {
                    JsonSerializer.Serialize(json, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object)));
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
