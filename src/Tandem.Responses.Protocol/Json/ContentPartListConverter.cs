using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Reads a list of content parts one part at a time, each as a top-level read: the serializer's
/// list reader gives every part a nested stack frame, whose ~450-byte frame array was allocated
/// for every message and reasoning item parsed. Written as any list.
/// </summary>
internal sealed class ContentPartListConverter : JsonConverter<List<ContentPart>>
{
    public override List<ContentPart>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadList(ref reader, options);

    public override void Write(Utf8JsonWriter writer, List<ContentPart> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, TypeInfoCache<List<ContentPart>>.Get(options));

    /// <summary>Reads the array the reader is on (the serializer has buffered all of it: a converter's value always is).</summary>
    internal static List<ContentPart> ReadList(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException(); // the serializer words it: "could not be converted to List<ContentPart>", with the path
        }

        var info = TypeInfoCache<ContentPart>.Get(options);
        var parts = new List<ContentPart>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            parts.Add(reader.TokenType == JsonTokenType.Null ? null! : JsonSerializer.Deserialize(ref reader, info)!);
        }

        return parts;
    }
}
