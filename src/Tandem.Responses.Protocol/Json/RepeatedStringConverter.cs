using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Reads a string that repeats across nearby events — an <c>item_id</c> on every delta of an item,
/// a response's id and model in each of its lifecycle events — as the instance read before when
/// the bytes are equal, instead of a new copy per event. The last few distinct values read on the
/// thread are remembered.
/// </summary>
public sealed class RepeatedStringConverter : JsonConverter<string>
{
    private const int Remembered = 4; // a power of two

    [ThreadStatic]
    private static string?[]? t_recent;

    [ThreadStatic]
    private static int t_next;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadShared(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>The converter's read, for readers that bypass the serializer (FastEventReader).</summary>
    internal static string? ReadShared(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return reader.GetString();
        }

        var recent = t_recent ??= new string?[Remembered];
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var length = reader.ValueSpan.Length;
            foreach (var candidate in recent)
            {
                // UTF-8 is never shorter than UTF-16 in code units, nor over three times longer.
                if (candidate is not null && candidate.Length <= length && length <= candidate.Length * 3 && reader.ValueTextEquals(candidate))
                {
                    return candidate;
                }
            }
        }

        var value = reader.GetString()!;
        recent[t_next] = value;
        t_next = (t_next + 1) & (Remembered - 1);
        return value;
    }

    /// <summary><see cref="ReadShared"/> for a value that is plain ASCII (no escapes), given as its bytes.</summary>
    internal static string ReadAscii(ReadOnlySpan<byte> ascii)
    {
        var recent = t_recent ??= new string?[Remembered];
        foreach (var candidate in recent)
        {
            if (candidate is not null && Ascii.Equals(ascii, candidate))
            {
                return candidate;
            }
        }

        var value = Encoding.ASCII.GetString(ascii);
        recent[t_next] = value;
        t_next = (t_next + 1) & (Remembered - 1);
        return value;
    }
}
