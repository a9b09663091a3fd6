using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tandem.Responses.Protocol.Json;

/// <summary>Reads and writes message content (and function output) as a string or a list of parts, in the form it came.</summary>
public sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override MessageContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => new MessageContent(reader.GetString()!),
        JsonTokenType.StartArray => new MessageContent(ContentPartListConverter.ReadList(ref reader, options)),
        _ => throw new JsonException($"Content must be a string or an array of content parts, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options)
    {
        if (value.Text is not null)
        {
            LargeStringCache.WriteString(writer, value.Text);
            return;
        }

        JsonSerializer.Serialize(writer, value.Parts ?? [], TypeInfoCache<List<ContentPart>>.Get(options));
    }
}
