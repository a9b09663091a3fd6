using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Reads a string that repeats across consecutive events — an <c>item_id</c> on every delta of an
/// item — as the instance read last time when the bytes are equal, instead of a new copy per event.
/// </summary>
public sealed class RepeatedStringConverter : JsonConverter<string>
{
    [ThreadStatic]
    private static string? t_last;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return reader.GetString();
        }

        var last = t_last;
        if (last is not null && !reader.ValueIsEscaped && reader.ValueTextEquals(last))
        {
            return last;
        }

        return t_last = reader.GetString();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
