using System.Text.Json;

namespace Tandem.Voice.Realtime.Protocol.Json;

/// <summary>Finds an object's top-level <c>type</c> without consuming the reader (the serializer has buffered the whole value).</summary>
internal static class JsonTypePeek
{
    /// <summary>The string <c>type</c> of the object <paramref name="reader"/> is on, or null.</summary>
    public static string? Type(Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType)
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return null;
    }
}
