using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tandem.Voice.Realtime.Protocol.Json;

/// <summary>Reads and writes a value that is a string on the wire or an object (<see cref="IStringOrObject{TSelf, TObject}"/>).</summary>
internal sealed class StringOrObjectConverter<TSelf, TObject> : JsonConverter<TSelf>
    where TSelf : class, IStringOrObject<TSelf, TObject>
    where TObject : RealtimeWireObject
{
    public override TSelf? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => TSelf.FromString(reader.GetString()!),
        JsonTokenType.StartObject => TSelf.FromObject(JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<TObject>)options.GetTypeInfo(typeof(TObject)))!),
        _ => throw new JsonException($"Expected a string or an object for {typeof(TSelf).Name}, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, TSelf value, JsonSerializerOptions options)
    {
        if (value.StringValue is { } text)
        {
            writer.WriteStringValue(text);
        }
        else if (value.ObjectValue is { } obj)
        {
            JsonSerializer.Serialize(writer, obj, (JsonTypeInfo<TObject>)options.GetTypeInfo(typeof(TObject)));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
