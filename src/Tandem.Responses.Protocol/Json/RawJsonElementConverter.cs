using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Reads raw JSON values (annotations, logprobs, unknown fields…) like the default converter, except
/// that the empty array and the empty object — on nearly every text event (<c>"logprobs":[]</c>) —
/// come back as shared immutable instances instead of a new document each time.
/// </summary>
public sealed class RawJsonElementConverter : JsonConverter<JsonElement>
{
    private static readonly JsonElement EmptyArray = JsonDocument.Parse("[]").RootElement;
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    // Small values every response object repeats (tool_choice "auto", top_logprobs 0, nulls…).
    private static readonly (byte[] Token, JsonTokenType Kind, JsonElement Value)[] Common = new[]
    {
        "null", "true", "false", "0", "1", "\"auto\"", "\"none\"", "\"required\"", "\"medium\"", "\"low\"", "\"high\"",
        "\"disabled\"", "\"default\"", "\"text\"", "\"24h\"", "\"in_memory\"", "\"detailed\"", "\"concise\"",
    }.Select(json =>
    {
        var element = JsonDocument.Parse(json).RootElement;
        var token = element.ValueKind == JsonValueKind.String ? System.Text.Encoding.UTF8.GetBytes(element.GetString()!) : System.Text.Encoding.UTF8.GetBytes(json);
        var kind = element.ValueKind switch
        {
            JsonValueKind.String => JsonTokenType.String,
            JsonValueKind.Number => JsonTokenType.Number,
            JsonValueKind.True => JsonTokenType.True,
            JsonValueKind.False => JsonTokenType.False,
            _ => JsonTokenType.Null,
        };
        return (token, kind, element);
    }).ToArray();

    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
        {
            var probe = reader; // a copy: looks one token ahead without consuming
            if (probe.Read() && probe.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject)
            {
                var empty = reader.TokenType == JsonTokenType.StartArray ? EmptyArray : EmptyObject;
                reader.Read();
                return empty;
            }
        }

        if (reader.TokenType is not (JsonTokenType.StartArray or JsonTokenType.StartObject) && !reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            foreach (var (token, kind, value) in Common)
            {
                if (kind == reader.TokenType && reader.ValueSpan.SequenceEqual(token))
                {
                    return value;
                }
            }
        }

        return JsonElement.ParseValue(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);
}
