using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Reads raw JSON values (annotations, logprobs, unknown fields…) like the default converter, except
/// that the empty array and the empty object — on nearly every text event (<c>"logprobs":[]</c>) —
/// come back as shared immutable instances instead of a new document each time, and so do common
/// small values and small objects or arrays equal to one read recently (<see cref="ReadComposite"/>).
/// </summary>
public sealed class RawJsonElementConverter : JsonConverter<JsonElement>
{
    // Objects and arrays up to this size that recur are shared (ReadComposite), from the last few read on a thread.
    private const int MaxShared = 256;
    private const int Remembered = 4; // a power of two

    internal static readonly JsonElement EmptyArray = JsonDocument.Parse("[]").RootElement;
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    // The empty array, boxed once, for fields that hold their element as an object.
    internal static readonly object EmptyArrayBox = EmptyArray;

    [ThreadStatic]
    private static JsonElement[]? t_recent;

    [ThreadStatic]
    private static int t_next;

    // Small values every response object repeats (tool_choice "auto", top_logprobs 0, nulls…).
    private static readonly (byte[] Token, JsonTokenType Kind, JsonElement Value)[] Common = new[]
    {
        "null", "true", "false", "0", "1", "\"auto\"", "\"none\"", "\"required\"", "\"medium\"", "\"low\"", "\"high\"",
        "\"disabled\"", "\"default\"", "\"text\"", "\"24h\"", "\"in_memory\"", "\"detailed\"", "\"concise\"",
    }.Select(json =>
    {
        var element = JsonDocument.Parse(json).RootElement;
        var token = element.ValueKind == JsonValueKind.String ? System.Text.Encoding.UTF8.GetBytes(element.GetString()!) : System.Text.Encoding.UTF8.GetBytes(json);
        var kind = element.ValueKind switch
        {
            JsonValueKind.String => JsonTokenType.String,
            JsonValueKind.Number => JsonTokenType.Number,
            JsonValueKind.True => JsonTokenType.True,
            JsonValueKind.False => JsonTokenType.False,
            _ => JsonTokenType.Null,
        };
        return (token, kind, element);
    }).ToArray();

    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    /// <summary><paramref name="value"/> boxed, the empty array <c>[]</c> as one shared box.</summary>
    internal static object? Box(JsonElement? value)
    {
        if (value is not { } element)
        {
            return null;
        }

        try
        {
            if (element.ValueKind == JsonValueKind.Array && JsonMarshal.GetRawUtf8Value(element).SequenceEqual("[]"u8))
            {
                return EmptyArrayBox;
            }
        }
        catch (ObjectDisposedException)
        {
            // An element of a disposed document is kept as given: it fails where it is used, as before.
        }

        return element;
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

    /// <summary>The converter's read, for readers that bypass the serializer (FastEventReader).</summary>
    internal static JsonElement ReadValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
        {
            var probe = reader; // a copy: looks one token ahead without consuming
            if (probe.Read() && probe.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject)
            {
                var empty = reader.TokenType == JsonTokenType.StartArray ? EmptyArray : EmptyObject;
                reader.Read();
                return empty;
            }
        }

        if (reader.TokenType is not (JsonTokenType.StartArray or JsonTokenType.StartObject))
        {
            if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                foreach (var (token, kind, value) in Common)
                {
                    if (kind == reader.TokenType && reader.ValueSpan.SequenceEqual(token))
                    {
                        return value;
                    }
                }
            }

            return JsonElement.ParseValue(ref reader);
        }

        return ReadComposite(ref reader);
    }

    /// <summary>
    /// A small object or array equal, byte for byte, to one read recently on this thread comes back
    /// as that instance: every response repeats <c>"text":{"format":{"type":"text"},"verbosity":"medium"}</c>
    /// and <c>"reasoning":{…}</c>, each a new document otherwise.
    /// </summary>
    private static JsonElement ReadComposite(ref Utf8JsonReader reader)
    {
        var raw = SmallValueBytes(reader);
        if (raw.IsEmpty)
        {
            return JsonElement.ParseValue(ref reader);
        }

        var recent = t_recent ??= new JsonElement[Remembered];
        foreach (var candidate in recent)
        {
            if (candidate.ValueKind != JsonValueKind.Undefined && JsonMarshal.GetRawUtf8Value(candidate).SequenceEqual(raw))
            {
                reader.Skip();
                return candidate;
            }
        }

        var parsed = JsonElement.ParseValue(ref reader);
        recent[t_next] = parsed;
        t_next = (t_next + 1) & (Remembered - 1);
        return parsed;
    }

    /// <summary>
    /// The bytes of the object or array <paramref name="reader"/> is on when they are at most
    /// <see cref="MaxShared"/> long and in one buffer, else empty. A reader over a span (its
    /// <see cref="Utf8JsonReader.Position"/> is then the default, as documented) holds its whole input
    /// in one buffer, and a converter is only called once the value is in it, so the value runs on
    /// from its first byte.
    /// </summary>
    private static ReadOnlySpan<byte> SmallValueBytes(Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.Position.GetObject() is not null)
        {
            return default;
        }

        var start = reader.TokenStartIndex;
        var depth = reader.CurrentDepth;
        var first = reader.ValueSpan; // the "{" or "[" itself, inside the buffer

        // Reads (a copy of the reader) no further than MaxShared bytes: a large value is not scanned twice.
        while (reader.Read() && reader.BytesConsumed - start <= MaxShared)
        {
            if (reader.CurrentDepth == depth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                return MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetReference(first), (int)(reader.BytesConsumed - start));
            }
        }

        return default;
    }
}
