using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Voice.Realtime.Protocol.Json;

/// <summary>An integer or <c>"inf"</c>.</summary>
internal sealed class RealtimeMaxOutputTokensConverter : JsonConverter<RealtimeMaxOutputTokens>
{
    public override RealtimeMaxOutputTokens Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var limit) && limit >= 1)
        {
            return new RealtimeMaxOutputTokens(limit);
        }

        if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("inf"u8))
        {
            return RealtimeMaxOutputTokens.Infinite;
        }

        throw new JsonException("max_output_tokens must be a positive integer or \"inf\".");
    }

    public override void Write(Utf8JsonWriter writer, RealtimeMaxOutputTokens value, JsonSerializerOptions options)
    {
        if (value.Limit is { } limit)
        {
            writer.WriteNumberValue(limit);
        }
        else
        {
            writer.WriteStringValue(RealtimeMaxOutputTokens.InfiniteValue);
        }
    }
}
