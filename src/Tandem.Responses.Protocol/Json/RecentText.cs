using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Reads an answer's text as the instance read last on the thread when the bytes are equal: a
/// stream repeats each finished text in <c>output_text.done</c>, <c>content_part.done</c>,
/// <c>output_item.done</c> and <c>response.completed</c>, which would otherwise be four copies of
/// the same string per turn. Strings are immutable, so sharing the instance changes nothing a
/// caller can see. One value is remembered, and only up to <see cref="MaxRemembered"/> chars, so a
/// thread never keeps a large text alive.
/// </summary>
internal static class RecentText
{
    public const int MaxRemembered = 16 * 1024;

    [ThreadStatic]
    private static string? t_last;

    public static string? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (t_last is { } last)
        {
            // UTF-8 is never shorter than UTF-16 in code units, nor over three times longer (six
            // times with escapes: \uXXXX for one char).
            var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
            var factor = reader.ValueIsEscaped ? 6L : 3L;
            if (last.Length <= length && length <= last.Length * factor && reader.ValueTextEquals(last))
            {
                return last;
            }
        }

        var value = reader.GetString()!;
        t_last = value.Length <= MaxRemembered ? value : null;
        return value;
    }

    /// <summary><see cref="Read"/> for a value that is plain ASCII (no escapes), given as its bytes.</summary>
    public static string ReadAscii(ReadOnlySpan<byte> ascii)
    {
        if (t_last is { } last && Ascii.Equals(ascii, last))
        {
            return last;
        }

        var value = Encoding.ASCII.GetString(ascii);
        t_last = value.Length <= MaxRemembered ? value : null;
        return value;
    }
}

/// <summary>An answer's text read through <see cref="RecentText"/>; written as usual.</summary>
internal sealed class RecentTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => RecentText.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
