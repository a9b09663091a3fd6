using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tandem.Responses.Protocol.Json;

/// <summary>Dispatches items on <c>type</c>; unknown types are kept raw; a typeless object with <c>role</c> is a message.</summary>
public sealed class ResponseItemConverter : JsonConverter<ResponseItem>
{
    public override ResponseItem? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"An item must be a JSON object, not {reader.TokenType}.");
        }

        var (type, hasRole) = JsonTypePeek.Peek(reader);
        switch (type)
        {
            case ItemTypes.Message:
                return Deserialize<MessageItem>(ref reader, options);
            case ItemTypes.FunctionCall:
                return Deserialize<FunctionCallItem>(ref reader, options);
            case ItemTypes.FunctionCallOutput:
                return Deserialize<FunctionCallOutputItem>(ref reader, options);
            case ItemTypes.Reasoning:
                return Deserialize<ReasoningItem>(ref reader, options);
            case ItemTypes.Compaction:
                return Deserialize<CompactionItem>(ref reader, options);
            case null when hasRole:
                var message = Deserialize<MessageItem>(ref reader, options);
                message.Type = null; // shorthand input message: written back without a type
                return message;
            default:
                return new UnknownResponseItem(JsonElement.ParseValue(ref reader));
        }
    }

    public override void Write(Utf8JsonWriter writer, ResponseItem value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case UnknownResponseItem unknown:
                unknown.Raw.WriteTo(writer);
                break;
            case MessageItem m:
                JsonSerializer.Serialize(writer, m, Info<MessageItem>(options));
                break;
            case FunctionCallItem f:
                JsonSerializer.Serialize(writer, f, Info<FunctionCallItem>(options));
                break;
            case FunctionCallOutputItem o:
                JsonSerializer.Serialize(writer, o, Info<FunctionCallOutputItem>(options));
                break;
            case ReasoningItem r:
                JsonSerializer.Serialize(writer, r, Info<ReasoningItem>(options));
                break;
            case CompactionItem c:
                JsonSerializer.Serialize(writer, c, Info<CompactionItem>(options));
                break;
            default:
                throw new JsonException($"Unsupported item type {value.GetType().Name}.");
        }
    }

    private static T Deserialize<T>(ref Utf8JsonReader reader, JsonSerializerOptions options)
        where T : class =>
        JsonSerializer.Deserialize(ref reader, Info<T>(options)) ?? throw new JsonException("Item is null.");

    private static JsonTypeInfo<T> Info<T>(JsonSerializerOptions options) => TypeInfoCache<T>.Get(options);
}
