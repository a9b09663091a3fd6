using System.Text.Json;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Reads the events nearly every stream is made of (lifecycle, text deltas, content parts, output
/// items) straight from their bytes when they have their usual shape: <c>type</c> first, then only
/// the fields that event type defines, each once, with unescaped names and values of the expected
/// kind. Any other input (an unknown field, a repeated or escaped name, a value of another kind,
/// invalid JSON, something after the object) gives null, and the serializer's general path reads
/// the event, with the result or the error it always gave.
/// </summary>
/// <remarks>
/// Why: the general path reads an event three times (the <c>type</c> peek, the serializer scoping
/// the value, the read proper), and each object nested in an event costs a stack-frame array of
/// ~450 bytes. The opening events keep their response as bytes (see <see cref="ResponseLifecycleEvent"/>).
/// </remarks>
internal static partial class FastEventReader
{
    // Opening responses larger than this are not remembered, so a thread never holds on to a large one.
    private const int MaxRemembered = 16 * 1024;

    // As the serializer reads (ProtocolJson.Options): depth 128, no comments, no trailing commas.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 128 };

    // For an object read alone that sits one level into the event.
    private static readonly JsonReaderOptions NestedReaderOptions = new() { MaxDepth = 127 };

    // The response bytes of the last opening event read on this thread: response.in_progress nearly
    // always repeats response.created byte for byte, and then shares its copy (never written to).
    [ThreadStatic]
    private static byte[]? t_lastOpening;

    [Flags]
    private enum Field
    {
        None = 0,
        SequenceNumber = 1 << 0,
        StreamId = 1 << 1,
        ItemId = 1 << 2,
        OutputIndex = 1 << 3,
        ContentIndex = 1 << 4,
        Delta = 1 << 5,
        Logprobs = 1 << 6,
        Obfuscation = 1 << 7,
        Response = 1 << 8,
        Part = 1 << 9,
        Item = 1 << 10,
        Type = 1 << 11,
        Id = 1 << 12,
        Status = 1 << 13,
        Content = 1 << 14,
        Phase = 1 << 15,
        Role = 1 << 16,
        Annotations = 1 << 17,
        Text = 1 << 18,
        Arguments = 1 << 19,
        Name = 1 << 20,
    }

    /// <summary>The event, or null when it is not in a shape this reader takes (the caller then uses the serializer).</summary>
    public static ResponseStreamEvent? TryRead(ReadOnlySpan<byte> utf8)
    {
        try
        {
            if (TryScanFlat(utf8) is { } flat)
            {
                return flat;
            }

            var reader = new Utf8JsonReader(utf8, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !reader.Read() || reader.ValueIsEscaped || !reader.ValueTextEquals("type"u8)
                || !reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return null;
            }

            var type = JsonTypePeek.Known(ref reader);
            ResponseStreamEvent? evt = type switch
            {
                ResponseEventTypes.OutputTextDelta => ReadTextDelta(ref reader, type),
                ResponseEventTypes.Created or ResponseEventTypes.InProgress or ResponseEventTypes.Queued => ReadLifecycle(ref reader, utf8, type, opening: true),
                ResponseEventTypes.Completed or ResponseEventTypes.Failed or ResponseEventTypes.Incomplete => ReadLifecycle(ref reader, utf8, type, opening: false),
                ResponseEventTypes.ContentPartAdded or ResponseEventTypes.ContentPartDone => ReadContentPart(ref reader, utf8, type),
                ResponseEventTypes.OutputItemAdded or ResponseEventTypes.OutputItemDone => ReadOutputItem(ref reader, utf8, type),
                _ => null,
            };

            // Anything after the object is the general path's to reject.
            return evt is not null && !reader.Read() ? evt : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null; // read again by the general path, which reports it as it always did
        }
    }

    private static OutputTextDeltaEvent? ReadTextDelta(ref Utf8JsonReader reader, string type)
    {
        const Field Allowed = Field.SequenceNumber | Field.StreamId | Field.ItemId | Field.OutputIndex | Field.ContentIndex
            | Field.Delta | Field.Logprobs | Field.Obfuscation;
        var evt = new OutputTextDeltaEvent { Type = type };
        var seen = Field.None;
        while (Next(ref reader, Allowed, ref seen, out var field))
        {
            switch (field)
            {
                case Field.None:
                    return evt;
                case Field.ItemId when IsStringOrNull(ref reader):
                    evt.ItemId = RepeatedStringConverter.ReadShared(ref reader)!;
                    break;
                case Field.OutputIndex when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var outputIndex):
                    evt.OutputIndex = outputIndex;
                    break;
                case Field.ContentIndex when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var contentIndex):
                    evt.ContentIndex = contentIndex;
                    break;
                case Field.Delta when IsStringOrNull(ref reader):
                    evt.Delta = ShortStringCache.Read(ref reader)!; // tokens recur: most deltas share a string read before
                    break;
                case Field.Logprobs:
                    evt.Logprobs = reader.TokenType == JsonTokenType.Null ? null : RawJsonElementConverter.ReadValue(ref reader);
                    break;
                case Field.Obfuscation when reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && evt.TrySetObfuscation(reader.ValueSpan):
                    break;
                case Field.Obfuscation when IsStringOrNull(ref reader):
                    evt.Obfuscation = reader.GetString();
                    break;
                default:
                    if (!TryCommon(ref reader, field, evt))
                    {
                        return null;
                    }

                    break;
            }
        }

        return null;
    }

    private static ResponseLifecycleEvent? ReadLifecycle(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string type, bool opening)
    {
        const Field Allowed = Field.SequenceNumber | Field.StreamId | Field.Response;
        var evt = new ResponseLifecycleEvent { Type = type };
        var seen = Field.None;
        while (Next(ref reader, Allowed, ref seen, out var field))
        {
            switch (field)
            {
                case Field.None:
                    return evt;
                case Field.Response when reader.TokenType == JsonTokenType.Null:
                    evt.Response = null!;
                    break;
                case Field.Response when reader.TokenType == JsonTokenType.StartObject && opening:
                    evt.SetResponseJson(Remember(Object(ref reader, utf8)));
                    break;
                case Field.Response when reader.TokenType == JsonTokenType.StartObject:
                    // One pass over the response; a shape the reader does not take is read by the serializer (top level).
                    var copy = reader;
                    if (ReadResponse(ref copy, utf8) is { } response)
                    {
                        evt.Response = response;
                        reader = copy;
                    }
                    else
                    {
                        evt.Response = JsonSerializer.Deserialize(Object(ref reader, utf8), ProtocolJson.Info<ResponseObject>())!;
                    }

                    break;
                default:
                    if (!TryCommon(ref reader, field, evt))
                    {
                        return null;
                    }

                    break;
            }
        }

        return null;
    }

    private static ContentPartEvent? ReadContentPart(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string type)
    {
        const Field Allowed = Field.SequenceNumber | Field.StreamId | Field.ItemId | Field.OutputIndex | Field.ContentIndex | Field.Part;
        var evt = new ContentPartEvent { Type = type };
        var seen = Field.None;
        while (Next(ref reader, Allowed, ref seen, out var field))
        {
            switch (field)
            {
                case Field.None:
                    return evt;
                case Field.ItemId when IsStringOrNull(ref reader):
                    evt.ItemId = RepeatedStringConverter.ReadShared(ref reader)!;
                    break;
                case Field.OutputIndex when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var outputIndex):
                    evt.OutputIndex = outputIndex;
                    break;
                case Field.ContentIndex when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var contentIndex):
                    evt.ContentIndex = contentIndex;
                    break;
                case Field.Part when reader.TokenType == JsonTokenType.Null:
                    evt.Part = null!;
                    break;
                case Field.Part when reader.TokenType == JsonTokenType.StartObject:
                    var part = Object(ref reader, utf8);

                    // The common part scanned; any other a top-level read (no nested stack frames to allocate).
                    evt.Part = ScanWhole(part, TryScanOutputTextPart) ?? JsonSerializer.Deserialize(part, ProtocolJson.Info<ContentPart>())!;
                    break;
                default:
                    if (!TryCommon(ref reader, field, evt))
                    {
                        return null;
                    }

                    break;
            }
        }

        return null;
    }

    private static OutputItemEvent? ReadOutputItem(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string type)
    {
        const Field Allowed = Field.SequenceNumber | Field.StreamId | Field.OutputIndex | Field.Item;
        var evt = new OutputItemEvent { Type = type };
        var seen = Field.None;
        while (Next(ref reader, Allowed, ref seen, out var field))
        {
            switch (field)
            {
                case Field.None:
                    return evt;
                case Field.OutputIndex when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var outputIndex):
                    evt.OutputIndex = outputIndex;
                    break;
                case Field.Item when reader.TokenType == JsonTokenType.Null:
                    evt.Item = null!;
                    break;
                case Field.Item when reader.TokenType == JsonTokenType.StartObject:
                    var item = Object(ref reader, utf8);
                    evt.Item = ScanWhole(item, TryScanMessageItem) ?? JsonSerializer.Deserialize(item, ProtocolJson.Info<ResponseItem>())!;
                    break;
                default:
                    if (!TryCommon(ref reader, field, evt))
                    {
                        return null;
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>The fields every event has; false when the value is not of their kind (or the field is another's).</summary>
    private static bool TryCommon(ref Utf8JsonReader reader, Field field, ResponseStreamEvent evt)
    {
        switch (field)
        {
            case Field.SequenceNumber when reader.TokenType == JsonTokenType.Null:
                evt.SequenceNumber = null;
                return true;
            case Field.SequenceNumber when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var sequence):
                evt.SequenceNumber = sequence;
                return true;
            case Field.StreamId when IsStringOrNull(ref reader):
                evt.StreamId = reader.GetString();
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Moves to the next field's value: true with <see cref="Field.None"/> at the end of the object;
    /// false for a name that is escaped, unknown, not <paramref name="allowed"/> or repeated.
    /// </summary>
    private static bool Next(ref Utf8JsonReader reader, Field allowed, ref Field seen, out Field field)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            field = Field.None;
            return true;
        }

        field = reader.ValueIsEscaped ? Field.None : Name(reader.ValueSpan);
        if ((field & allowed) == 0 || (field & seen) != 0)
        {
            return false;
        }

        seen |= field;
        reader.Read();
        return true;
    }

    private static Field Name(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 => name.SequenceEqual("item"u8) ? Field.Item : name.SequenceEqual("part"u8) ? Field.Part : Field.None,
        5 => name.SequenceEqual("delta"u8) ? Field.Delta : Field.None,
        7 => name.SequenceEqual("item_id"u8) ? Field.ItemId : Field.None,
        8 => name.SequenceEqual("logprobs"u8) ? Field.Logprobs : name.SequenceEqual("response"u8) ? Field.Response : Field.None,
        9 => name.SequenceEqual("stream_id"u8) ? Field.StreamId : Field.None,
        11 => name.SequenceEqual("obfuscation"u8) ? Field.Obfuscation : Field.None,
        12 => name.SequenceEqual("output_index"u8) ? Field.OutputIndex : Field.None,
        13 => name.SequenceEqual("content_index"u8) ? Field.ContentIndex : Field.None,
        15 => name.SequenceEqual("sequence_number"u8) ? Field.SequenceNumber : Field.None,
        _ => Field.None,
    };

    private static bool IsStringOrNull(ref Utf8JsonReader reader) => reader.TokenType is JsonTokenType.String or JsonTokenType.Null;

    /// <summary>The object the reader is on, as its bytes in <paramref name="utf8"/>; the reader ends on its last token.</summary>
    private static ReadOnlySpan<byte> Object(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return utf8[start..(int)reader.BytesConsumed];
    }

    private static byte[] Remember(ReadOnlySpan<byte> json)
    {
        var last = t_lastOpening;
        if (last is not null && json.SequenceEqual(last))
        {
            return last;
        }

        var copy = json.ToArray();
        t_lastOpening = copy.Length <= MaxRemembered ? copy : null;
        return copy;
    }
}
