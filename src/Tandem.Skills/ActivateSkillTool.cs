using System.Buffers;
using System.Text;
using System.Text.Json;
using Tandem.Agents.Tools;

namespace Tandem.Skills;

/// <summary>
/// <c>activate_skill</c>: the second step of progressive disclosure. Its strict schema makes <c>name</c>
/// an enum of the catalog's skills, so the runtime's argument validation refuses any other name before
/// the tool runs (checklist S3). It returns the skill's <c>SKILL.md</c> body and the relative paths of
/// its resource files, as JSON: <c>{"name", "instructions", "resources"}</c>.
/// </summary>
public sealed class ActivateSkillTool : ITool
{
    public const string ToolName = "activate_skill";

    private readonly SkillCatalog _catalog;

    internal ActivateSkillTool(SkillCatalog catalog)
    {
        _catalog = catalog;
        Definition = new ToolDefinition
        {
            Name = ToolName,
            Description = "Activates a skill from the skill catalog: returns its instructions (the body of its SKILL.md) and the relative paths of its resource files. Call it before using a skill.",
            Parameters = BuildSchema(catalog.Skills.Select(s => s.Name)),
            Strict = true,
            SideEffect = SideEffect.Read,
            Risk = ToolRisk.Low,

            // Skills come only from trusted roots, and what is served is the text hashed at load.
            UntrustedOutput = false,
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public ToolDefinition Definition { get; }

    public ValueTask<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        cancellationToken.ThrowIfCancellationRequested();
        var name = call.ParsedArguments.ValueKind == JsonValueKind.Object && call.ParsedArguments.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()
            : null;

        // The schema already refused unknown names; this guards callers that bypass the registry.
        if (name is null || !_catalog.TryGet(name, out var skill))
        {
            return ValueTask.FromResult(ToolResult.Error("Unknown skill. Use a name from the skill catalog."));
        }

        // The body parsed at load time, not the file re-read now: what is served is what was hashed.
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", skill.Name);
            writer.WriteString("instructions", skill.Document.Body);
            writer.WriteStartArray("resources");
            foreach (var resource in skill.Resources)
            {
                writer.WriteStringValue(resource);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return ValueTask.FromResult(new ToolResult(Encoding.UTF8.GetString(buffer.WrittenSpan)));
    }

    private static JsonElement BuildSchema(IEnumerable<string> names)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "object");
            writer.WriteStartObject("properties");
            writer.WriteStartObject("name");
            writer.WriteString("type", "string");
            writer.WriteString("description", "The name of the skill to activate, as listed in the skill catalog.");
            writer.WriteStartArray("enum");
            foreach (var name in names)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartArray("required");
            writer.WriteStringValue("name");
            writer.WriteEndArray();
            writer.WriteBoolean("additionalProperties", false);
            writer.WriteEndObject();
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }
}
