using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tandem.Responses.Protocol.Json;

/// <summary>Reads and writes <c>input</c> as a string or a list of items, in the form it came.</summary>
public sealed class ResponseInputConverter : JsonConverter<ResponseInput>
{
    public override ResponseInput? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => new ResponseInput(reader.GetString()!),
        JsonTokenType.StartArray => new ResponseInput(JsonSerializer.Deserialize(ref reader, TypeInfoCache<List<ResponseItem>>.Get(options))!),
        _ => throw new JsonException($"'input' must be a string or an array of items, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, ResponseInput value, JsonSerializerOptions options)
    {
        if (value.Text is not null)
        {
            writer.WriteStringValue(value.Text);
            return;
        }

        JsonSerializer.Serialize(writer, value.Items ?? [], TypeInfoCache<List<ResponseItem>>.Get(options));
    }
}
