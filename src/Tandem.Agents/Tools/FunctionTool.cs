using System.Text.Json;
using Microsoft.Extensions.AI;
using Tandem.Responses.Protocol;

namespace Tandem.Agents.Tools;

/// <summary>
/// A tool from a C# delegate: the schema comes from the parameter types (Microsoft.Extensions.AI's
/// <see cref="AIFunctionFactory"/>, asked for the strict-mode shape: every property required, no
/// additional properties, optional parameters nullable). If the result still breaks a strict rule the
/// tool is offered with <c>strict:false</c> rather than with a schema the API would refuse.
/// </summary>
public sealed class FunctionTool : ITool
{
    private static readonly AIJsonSchemaCreateOptions StrictShape = new()
    {
        TransformOptions = new AIJsonSchemaTransformOptions
        {
            DisallowAdditionalProperties = true,
            RequireAllProperties = true,
            MoveDefaultKeywordToDescription = true,
            ConvertBooleanSchemas = true,
        },
    };

    private readonly AIFunction _function;

    private FunctionTool(AIFunction function, ToolDefinition definition)
    {
        _function = function;
        Definition = definition;
    }

    public ToolDefinition Definition { get; }

    /// <summary>A tool from <paramref name="method"/>; <paramref name="configure"/> sets limits and side-effect class.</summary>
    public static FunctionTool Create(Delegate method, string name, string? description = null, Func<ToolDefinition, ToolDefinition>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var function = AIFunctionFactory.Create(method, new AIFunctionFactoryOptions
        {
            Name = name,
            Description = description,
            JsonSchemaCreateOptions = StrictShape,
        });
        var schema = function.JsonSchema;
        var definition = new ToolDefinition
        {
            Name = name,
            Description = description ?? function.Description,
            Parameters = schema,
            Strict = StrictSchema.FindViolation(schema) is null,
        };
        return new FunctionTool(function, configure?.Invoke(definition) ?? definition);
    }

    public async ValueTask<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken)
    {
        var arguments = new AIFunctionArguments();
        if (call.ParsedArguments.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in call.ParsedArguments.EnumerateObject())
            {
                arguments[p.Name] = p.Value;
            }
        }

        var result = await _function.InvokeAsync(arguments, cancellationToken).ConfigureAwait(false);
        return new ToolResult(result switch
        {
            null => string.Empty,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
            JsonElement e => e.GetRawText(),
            _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions.GetTypeInfo(result.GetType())),
        });
    }
}
