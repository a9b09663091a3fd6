using System.Buffers;
using System.Text.Json;
using Tandem.Voice.Entities;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Server.Realtime;

/// <summary>
/// The "understanding" behind the local Realtime endpoint: a few deterministic rules instead of a
/// language model, so tests and offline A/B runs know what to expect.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>After a tool's output (a <c>function_call_output</c> after the latest user message): the
/// text "Thanks. " and the output (first 200 characters, ending in a full stop).</item>
/// <item>No words heard (an empty transcript): "Sorry, I didn't catch that." — never a call with an empty value.</item>
/// <item>With function tools and a <c>tool_choice</c> other than <c>none</c>: a call of the tool
/// <c>tool_choice</c> names, else the first function tool, with the arguments
/// <c>{"&lt;first required string property, else 'value'&gt;": captured}</c>. The captured value is
/// <see cref="EntityNormalizer.Normalize"/>'s value for the kind <see cref="EntityKindInference"/>
/// finds, or the user's words verbatim when it finds none (or the normaliser finds nothing).</item>
/// <item>Otherwise: "You said: …" echoing the user's words; a greeting when there is no user input at all.</item>
/// </list>
/// </remarks>
internal sealed class LocalRealtimeModel(EntityNormalizer normalizer)
{
    private const int EchoLimit = 200;
    private const string DefaultProperty = "value";

    public ModelReply Reply(ModelTurn turn, string? instructions, IReadOnlyList<RealtimeTool> tools, RealtimeToolChoice? toolChoice)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.ToolOutput is { } output)
        {
            return ModelReply.Say("Thanks. " + Sentence(output));
        }

        var text = turn.UserText;
        if (text is null)
        {
            return ModelReply.Say("Hello! How can I help?");
        }

        // Nothing heard: a model asks again rather than calling a tool with an empty value.
        if (string.IsNullOrWhiteSpace(text))
        {
            return ModelReply.Say("Sorry, I didn't catch that.");
        }

        return toolChoice?.Mode != "none" && ChooseTool(tools, toolChoice) is { } tool
            ? ModelReply.Call(tool.Name!, Arguments(tool, text.Trim(), instructions))
            : ModelReply.Say("You said: " + Sentence(text));
    }

    /// <summary>The tool <paramref name="choice"/> names (when it is a function tool here), else the first function tool.</summary>
    internal static RealtimeTool? ChooseTool(IReadOnlyList<RealtimeTool> tools, RealtimeToolChoice? choice)
    {
        var functions = tools.Where(t => t.Type == RealtimeTool.FunctionType && !string.IsNullOrEmpty(t.Name)).ToList();
        if (choice?.Target is { Type: "function", Name: { } name })
        {
            return functions.FirstOrDefault(t => t.Name == name) ?? functions.FirstOrDefault();
        }

        return functions.FirstOrDefault();
    }

    internal string Arguments(RealtimeTool tool, string transcript, string? instructions)
    {
        var (property, propertyDescription) = ArgumentProperty(tool.Parameters);
        var kind = EntityKindInference.Infer(propertyDescription, property, tool.Name, tool.Description, instructions);
        var value = transcript;
        if (kind is { } k && normalizer.Normalize(k, transcript).Value is { Length: > 0 } normalized)
        {
            value = normalized;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, RealtimeJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString(property, value);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The first required property whose type is (or includes) string, with its description; else <c>value</c>.</summary>
    internal static (string Name, string? Description) ArgumentProperty(JsonElement? schema)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } s
            || !s.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || !s.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array)
        {
            return (DefaultProperty, null);
        }

        foreach (var name in required.EnumerateArray())
        {
            if (name.ValueKind == JsonValueKind.String
                && properties.TryGetProperty(name.GetString()!, out var property)
                && property.ValueKind == JsonValueKind.Object
                && IsString(property))
            {
                var description = property.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                return (name.GetString()!, description);
            }
        }

        return (DefaultProperty, null);
    }

    private static bool IsString(JsonElement property)
    {
        if (!property.TryGetProperty("type", out var type))
        {
            return false;
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => type.ValueEquals("string"),
            JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.ValueEquals("string")),
            _ => false,
        };
    }

    /// <summary>The text trimmed to <see cref="EchoLimit"/> characters, ending in sentence punctuation.</summary>
    internal static string Sentence(string text)
    {
        var trimmed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (trimmed.Length > EchoLimit)
        {
            trimmed = trimmed[..EchoLimit].TrimEnd() + "…";
        }

        return trimmed.Length == 0 || trimmed[^1] is '.' or '!' or '?' or '…' ? trimmed : trimmed + ".";
    }
}
