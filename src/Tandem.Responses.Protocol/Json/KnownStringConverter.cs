using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Reads the few values an enum-like field takes (statuses, roles, phases, item and part types…)
/// as shared constants instead of a new string each time; any other value is read as usual.
/// </summary>
internal sealed class KnownStringConverter : JsonConverter<string>
{
    private static readonly (byte[] Utf8, string Value)[] Known = new[]
    {
        "completed", "in_progress", "incomplete", "failed", "queued", "cancelled", "response", "assistant", "user",
        "system", "developer", "final_answer", "commentary", "output_text", "input_text", "summary_text", "refusal",
        "reasoning_text", ItemTypes.Message, ItemTypes.FunctionCall, ItemTypes.FunctionCallOutput, ItemTypes.Reasoning,
        ItemTypes.Compaction, "default", "auto", "flex", "priority", "disabled", "in_memory", "24h",
    }.Select(v => (System.Text.Encoding.UTF8.GetBytes(v), string.Intern(v))).ToArray();

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadKnown(ref reader);

    /// <summary>The known constant equal to <paramref name="utf8"/> (unescaped), or null.</summary>
    internal static string? Find(ReadOnlySpan<byte> utf8)
    {
        foreach (var (known, value) in Known)
        {
            if (known.Length == utf8.Length && utf8.SequenceEqual(known))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The converter's read, for readers that bypass the serializer (FastEventReader).</summary>
    internal static string? ReadKnown(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence && Find(reader.ValueSpan) is { } known)
        {
            return known;
        }

        return reader.GetString();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
