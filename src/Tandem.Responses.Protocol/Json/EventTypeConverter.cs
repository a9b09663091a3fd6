using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Reads an event's <c>type</c> as the shared constant when it is one Tandem knows (nearly every
/// event), so a stream does not allocate the same few strings thousands of times.
/// </summary>
public sealed class EventTypeConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? JsonTypePeek.Known(ref reader) ?? reader.GetString() : reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
