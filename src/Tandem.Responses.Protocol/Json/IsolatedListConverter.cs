using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Reads a list one element at a time, each as a top-level read (see <see cref="IsolatedConverter{T}"/>
/// and <see cref="ContentPartListConverter"/>): the serializer's list reader pushes a frame for the
/// list and another for every element. Written as any list.
/// </summary>
internal sealed class IsolatedListConverter<T> : JsonConverter<List<T>>
{
    public override List<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : ReadList(ref reader, options);

    /// <summary>The list the reader is on; for readers that bypass the serializer (FastEventReader).</summary>
    internal static List<T> ReadList(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException(); // the serializer words it: "could not be converted to List<T>", with the path
        }

        var info = TypeInfoCache<T>.Get(options);
        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(reader.TokenType == JsonTokenType.Null ? default! : JsonSerializer.Deserialize(ref reader, info)!);
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, List<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, TypeInfoCache<List<T>>.Get(options));
}
