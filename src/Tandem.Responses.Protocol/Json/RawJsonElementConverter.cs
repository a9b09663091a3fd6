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

        return JsonElement.ParseValue(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);
}
