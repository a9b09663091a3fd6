using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Voice.Realtime.Protocol.Json;

/// <summary>
/// Reads a <typeparamref name="TBase"/> as the class its <c>type</c> names, and anything else as
/// the raw fallback (kept verbatim, never dropped, never fatal); writes each object by its own class.
/// </summary>
internal abstract class TypeDispatchConverter<TBase> : JsonConverter<TBase>
    where TBase : RealtimeWireObject
{
    protected abstract string Kind { get; }

    protected abstract Type? ClassOf(string type);

    protected abstract TBase CreateRaw(JsonElement raw);

    protected abstract bool TryGetRaw(TBase value, out JsonElement raw);

    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(TBase);

    public override TBase? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A Realtime {Kind} must be a JSON object, not {reader.TokenType}.");
        }

        var type = JsonTypePeek.Type(reader);
        if (type is null || ClassOf(type) is not { } target)
        {
            return CreateRaw(JsonElement.ParseValue(ref reader));
        }

        return (TBase?)JsonSerializer.Deserialize(ref reader, options.GetTypeInfo(target))
            ?? throw new JsonException($"The Realtime {Kind} '{type}' is null.");
    }

    public override void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options)
    {
        if (TryGetRaw(value, out var raw))
        {
            raw.WriteTo(writer);
            return;
        }

        JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
    }
}
