using System.Text.Json;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// A tool: a <c>function</c> tool (name, description, JSON-schema parameters). Other tool types
/// (<c>mcp</c>) keep their fields in <see cref="RealtimeWireObject.AdditionalProperties"/>.
/// </summary>
public sealed record RealtimeTool : RealtimeWireObject
{
    public const string FunctionType = "function";

    public string Type { get; set; } = FunctionType;

    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary>The JSON schema of the arguments.</summary>
    public JsonElement? Parameters { get; set; }

    /// <summary>A function tool whose arguments follow <paramref name="parametersSchema"/> (a JSON schema object).</summary>
    public static RealtimeTool Function(string name, string? description, JsonElement parametersSchema)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (parametersSchema.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"The parameters of tool '{name}' must be a JSON schema object, not {parametersSchema.ValueKind}.", nameof(parametersSchema));
        }

        return new RealtimeTool { Type = FunctionType, Name = name, Description = description, Parameters = parametersSchema.Clone() };
    }

    /// <summary>A function tool whose arguments follow <paramref name="parametersSchemaJson"/> (a JSON schema object as text).</summary>
    public static RealtimeTool Function(string name, string? description, string parametersSchemaJson)
    {
        ArgumentNullException.ThrowIfNull(parametersSchemaJson);
        using var doc = JsonDocument.Parse(parametersSchemaJson);
        return Function(name, description, doc.RootElement);
    }
}
