using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Reads a nested object as a top-level read of its own. The serializer gives every nested object or
/// collection a stack frame, and its first nested frame allocates a frame array (~600 bytes) per
/// read: a <c>response.completed</c> paid it once per turn for <c>usage</c>, <c>tools</c> or
/// <c>metadata</c>. A converter's value is read with the reader's own depth, so no frame is pushed.
/// Written as the serializer writes the type.
/// </summary>
/// <remarks>Put on the property, never on the type: the type's own contract must stay the serializer's.</remarks>
internal sealed class IsolatedConverter<T> : JsonConverter<T>
    where T : class
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : JsonSerializer.Deserialize(ref reader, Info(options));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, Info(options));

    private static JsonTypeInfo<T> Info(JsonSerializerOptions options) => TypeInfoCache<T>.Get(options);
}
