using System.Text;
using System.Text.Json;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// The flat events of a stream (text and argument deltas and their done events, and the opening
/// <c>response.created</c>/<c>in_progress</c>, whose one nested object is kept as bytes) scanned
/// without a <see cref="Utf8JsonReader"/>: deltas are most of a stream's events, each a flat object
/// of a few fields, and a JSON reader's per-token state machine was most of the cost of reading one.
/// </summary>
internal static partial class FastEventReader
{
    /// <summary>How a scanned string is read: through which of the shared-instance caches its field's converter uses.</summary>
    private enum TextKind
    {
        Repeated,
        Short,
        Recent,
        Known,
        Other,
    }

    // Both OpenAI (then the other fields by name) and Tandem's server (then in declaration order) write type first.
    private static ReadOnlySpan<byte> TextDeltaStart => "{\"type\":\"response.output_text.delta\""u8;

    private static ReadOnlySpan<byte> TextDoneStart => "{\"type\":\"response.output_text.done\""u8;

    private static ReadOnlySpan<byte> ArgumentsDeltaStart => "{\"type\":\"response.function_call_arguments.delta\""u8;

    private static ReadOnlySpan<byte> ArgumentsDoneStart => "{\"type\":\"response.function_call_arguments.done\""u8;

    private static ReadOnlySpan<byte> CreatedStart => "{\"type\":\"response.created\""u8;

    private static ReadOnlySpan<byte> InProgressStart => "{\"type\":\"response.in_progress\""u8;

    /// <summary>A string value's place in the event: its bytes between the quotes, and whether they are plain: printable ASCII without escapes, needing no unescaping or transcoding.</summary>
    private readonly record struct StringValue(int Start, int Length, bool Plain)
    {
        public bool IsPresent => Length >= 0;

        public static StringValue Absent => new(0, -1, false);
    }

    /// <summary>The fields of a flat event as scanned, before anything is built.</summary>
    private struct FlatFields
    {
        public StringValue ItemId;
        public StringValue Delta;
        public StringValue Obfuscation;
        public StringValue StreamId;
        public StringValue Text;
        public StringValue Name;
        public byte[]? Response;
        public int? SequenceNumber;
        public int OutputIndex;
        public int ContentIndex;
        public bool EmptyLogprobs;

        public static FlatFields Empty => new()
        {
            ItemId = StringValue.Absent,
            Delta = StringValue.Absent,
            Obfuscation = StringValue.Absent,
            StreamId = StringValue.Absent,
            Text = StringValue.Absent,
            Name = StringValue.Absent,
        };
    }

    /// <summary>
    /// A flat event written compactly: <c>type</c> first, then the fields of its type in any order,
    /// each once, with names as written, strings, non-negative integers without sign, fraction or
    /// exponent, and <c>logprobs</c> only as <c>[]</c>. Anything else gives null and the reader's
    /// general path (another reader, then the serializer) takes the event; so does a string with
    /// escapes or non-ASCII text that turns out invalid, after it was read through a reader.
    /// </summary>
    internal static ResponseStreamEvent? TryScanFlat(ReadOnlySpan<byte> utf8)
    {
        const Field Common = Field.SequenceNumber | Field.StreamId;
        const Field TextDelta = Common | Field.ItemId | Field.OutputIndex | Field.ContentIndex | Field.Delta | Field.Logprobs | Field.Obfuscation;
        const Field TextDone = Common | Field.ItemId | Field.OutputIndex | Field.ContentIndex | Field.Text | Field.Logprobs;
        const Field ArgumentsDelta = Common | Field.ItemId | Field.OutputIndex | Field.Delta | Field.Obfuscation;
        const Field ArgumentsDone = Common | Field.ItemId | Field.OutputIndex | Field.Arguments | Field.Name;
        const Field Opening = Common | Field.Response;

        var fields = FlatFields.Empty;
        if (utf8.StartsWith(TextDeltaStart))
        {
            return TryScanFields(utf8, TextDeltaStart.Length, TextDelta, ref fields) ? BuildTextDelta(utf8, in fields) : null;
        }

        if (utf8.StartsWith(ArgumentsDeltaStart))
        {
            return TryScanFields(utf8, ArgumentsDeltaStart.Length, ArgumentsDelta, ref fields) ? BuildArgumentsDelta(utf8, in fields) : null;
        }

        if (utf8.StartsWith(TextDoneStart))
        {
            return TryScanFields(utf8, TextDoneStart.Length, TextDone, ref fields) ? BuildTextDone(utf8, in fields) : null;
        }

        if (utf8.StartsWith(ArgumentsDoneStart))
        {
            return TryScanFields(utf8, ArgumentsDoneStart.Length, ArgumentsDone, ref fields) ? BuildArgumentsDone(utf8, in fields) : null;
        }

        if (utf8.StartsWith(CreatedStart))
        {
            return TryScanFields(utf8, CreatedStart.Length, Opening, ref fields) ? BuildOpening(utf8, ResponseEventTypes.Created, in fields) : null;
        }

        if (utf8.StartsWith(InProgressStart))
        {
            return TryScanFields(utf8, InProgressStart.Length, Opening, ref fields) ? BuildOpening(utf8, ResponseEventTypes.InProgress, in fields) : null;
        }

        return null;
    }

    /// <summary>The fields after the type, to the end of the object and of the input; false for anything not in the shape.</summary>
    private static bool TryScanFields(ReadOnlySpan<byte> utf8, int pos, Field allowed, ref FlatFields fields)
    {
        var seen = Field.None;
        while (TryNextField(utf8, ref pos, allowed, ref seen, first: false, out var field))
        {
            var ok = field switch
            {
                Field.None => pos == utf8.Length, // the end of the object, which must end the input
                Field.ItemId => TryScanString(utf8, pos, out fields.ItemId, out pos),
                Field.Delta => TryScanString(utf8, pos, out fields.Delta, out pos),
                Field.Obfuscation => TryScanString(utf8, pos, out fields.Obfuscation, out pos),
                Field.StreamId => TryScanString(utf8, pos, out fields.StreamId, out pos),
                Field.Text or Field.Arguments => TryScanString(utf8, pos, out fields.Text, out pos),
                Field.Name => TryScanString(utf8, pos, out fields.Name, out pos),
                Field.OutputIndex => TryScanInt32(utf8, ref pos, out fields.OutputIndex),
                Field.ContentIndex => TryScanInt32(utf8, ref pos, out fields.ContentIndex),
                Field.SequenceNumber => TryScanSequenceNumber(utf8, ref pos, ref fields),
                Field.Response => TryScanOpeningResponse(utf8, ref pos, ref fields),
                Field.Logprobs => fields.EmptyLogprobs = TryScanEmptyArray(utf8, ref pos),
                _ => false, // allowed for no flat event yet
            };

            if (!ok || field == Field.None)
            {
                return ok;
            }
        }

        return false;
    }

    /// <summary>
    /// An opening event's response object, kept as bytes (built on first read). In a stream
    /// <c>response.in_progress</c> repeats <c>response.created</c>'s response byte for byte: bytes that
    /// begin with the last response kept (checked as JSON when it was read) are that object, and
    /// share its copy unread; any other object is checked by a reader over it.
    /// </summary>
    private static bool TryScanOpeningResponse(ReadOnlySpan<byte> utf8, ref int pos, ref FlatFields fields)
    {
        var rest = utf8[pos..];
        if (rest.IsEmpty || rest[0] != (byte)'{')
        {
            return false; // null, another kind or whitespace: the reader's general path
        }

        if (t_lastOpening is { } last && rest.StartsWith(last))
        {
            fields.Response = last;
            pos += last.Length;
            return true;
        }

        // The response sits one level into the event: checked alone, it may nest one level less
        // than the event may (the serializer's limit counts from the event).
        var reader = new Utf8JsonReader(rest, NestedReaderOptions);
        reader.Read();
        reader.Skip();
        var length = (int)reader.BytesConsumed;
        fields.Response = Remember(rest[..length]);
        pos += length;
        return true;
    }

    private static bool TryScanSequenceNumber(ReadOnlySpan<byte> utf8, ref int pos, ref FlatFields fields)
    {
        var ok = TryScanInt32(utf8, ref pos, out var sequence);
        fields.SequenceNumber = sequence;
        return ok;
    }

    // The whole object is well formed and every field known: only now does anything get built.
    private static OutputTextDeltaEvent BuildTextDelta(ReadOnlySpan<byte> utf8, in FlatFields fields)
    {
        var evt = new OutputTextDeltaEvent { Type = ResponseEventTypes.OutputTextDelta, SequenceNumber = fields.SequenceNumber, OutputIndex = fields.OutputIndex, ContentIndex = fields.ContentIndex };
        SetCommon(utf8, evt, in fields);
        if (fields.ItemId.IsPresent)
        {
            evt.ItemId = Read(utf8, fields.ItemId, TextKind.Repeated)!;
        }

        if (fields.Delta.IsPresent)
        {
            evt.Delta = Read(utf8, fields.Delta, TextKind.Short)!;
        }

        var obfuscation = fields.Obfuscation;
        if (obfuscation.IsPresent && !(obfuscation.Plain && evt.TrySetObfuscation(utf8.Slice(obfuscation.Start, obfuscation.Length))))
        {
            evt.Obfuscation = Read(utf8, obfuscation, TextKind.Other);
        }

        if (fields.EmptyLogprobs)
        {
            evt.SetEmptyLogprobs();
        }

        return evt;
    }

    private static OutputTextDoneEvent BuildTextDone(ReadOnlySpan<byte> utf8, in FlatFields fields)
    {
        var evt = new OutputTextDoneEvent { Type = ResponseEventTypes.OutputTextDone, OutputIndex = fields.OutputIndex, ContentIndex = fields.ContentIndex };
        SetCommon(utf8, evt, in fields);
        if (fields.ItemId.IsPresent)
        {
            evt.ItemId = Read(utf8, fields.ItemId, TextKind.Repeated)!;
        }

        if (fields.Text.IsPresent)
        {
            evt.Text = Read(utf8, fields.Text, TextKind.Recent)!;
        }

        if (fields.EmptyLogprobs)
        {
            evt.Logprobs = RawJsonElementConverter.EmptyArray;
        }

        return evt;
    }

    private static FunctionCallArgumentsDeltaEvent BuildArgumentsDelta(ReadOnlySpan<byte> utf8, in FlatFields fields)
    {
        var evt = new FunctionCallArgumentsDeltaEvent { Type = ResponseEventTypes.FunctionCallArgumentsDelta, OutputIndex = fields.OutputIndex };
        SetCommon(utf8, evt, in fields);
        if (fields.ItemId.IsPresent)
        {
            evt.ItemId = Read(utf8, fields.ItemId, TextKind.Repeated)!;
        }

        if (fields.Delta.IsPresent)
        {
            evt.Delta = Read(utf8, fields.Delta, TextKind.Short)!; // argument fragments recur as text tokens do
        }

        if (fields.Obfuscation.IsPresent)
        {
            evt.Obfuscation = Read(utf8, fields.Obfuscation, TextKind.Other);
        }

        return evt;
    }

    private static FunctionCallArgumentsDoneEvent BuildArgumentsDone(ReadOnlySpan<byte> utf8, in FlatFields fields)
    {
        var evt = new FunctionCallArgumentsDoneEvent { Type = ResponseEventTypes.FunctionCallArgumentsDone, OutputIndex = fields.OutputIndex };
        SetCommon(utf8, evt, in fields);
        if (fields.ItemId.IsPresent)
        {
            evt.ItemId = Read(utf8, fields.ItemId, TextKind.Repeated)!;
        }

        if (fields.Text.IsPresent)
        {
            evt.Arguments = Read(utf8, fields.Text, TextKind.Other)!;
        }

        if (fields.Name.IsPresent)
        {
            evt.Name = Read(utf8, fields.Name, TextKind.Other);
        }

        return evt;
    }

    private static ResponseLifecycleEvent BuildOpening(ReadOnlySpan<byte> utf8, string type, in FlatFields fields)
    {
        var evt = new ResponseLifecycleEvent { Type = type };
        SetCommon(utf8, evt, in fields);
        if (fields.Response is { } response)
        {
            evt.SetResponseJson(response);
        }

        return evt;
    }

    private static void SetCommon(ReadOnlySpan<byte> utf8, ResponseStreamEvent evt, in FlatFields fields)
    {
        evt.SequenceNumber = fields.SequenceNumber;
        if (fields.StreamId.IsPresent)
        {
            evt.StreamId = Read(utf8, fields.StreamId, TextKind.Repeated);
        }
    }

    /// <summary>A scanned string value as the field's converter reads it.</summary>
    private static string? Read(ReadOnlySpan<byte> utf8, StringValue value, TextKind kind)
    {
        if (!value.Plain)
        {
            return ReadThroughReader(utf8, value, kind);
        }

        var ascii = utf8.Slice(value.Start, value.Length);
        return kind switch
        {
            TextKind.Repeated => RepeatedStringConverter.ReadAscii(ascii),
            TextKind.Short => ShortStringCache.ReadAscii(ascii),
            TextKind.Recent => RecentText.ReadAscii(ascii),
            TextKind.Known => KnownStringConverter.Find(ascii) ?? Encoding.ASCII.GetString(ascii),
            _ => Encoding.ASCII.GetString(ascii),
        };
    }

    /// <summary>
    /// A string with escapes or non-ASCII text, read by a reader over its own token so that it is
    /// unescaped, transcoded and checked exactly as everywhere else (an invalid one throws, and
    /// <see cref="TryRead"/> hands the event to the general path).
    /// </summary>
    private static string? ReadThroughReader(ReadOnlySpan<byte> utf8, StringValue value, TextKind kind)
    {
        var reader = new Utf8JsonReader(utf8.Slice(value.Start - 1, value.Length + 2));
        reader.Read();
        return kind switch
        {
            TextKind.Repeated => RepeatedStringConverter.ReadShared(ref reader),
            TextKind.Short => ShortStringCache.Read(ref reader),
            TextKind.Recent => RecentText.Read(ref reader),
            TextKind.Known => KnownStringConverter.ReadKnown(ref reader),
            _ => reader.GetString(),
        };
    }

    /// <summary>
    /// At <c>,"name":</c>, the field of a known name, with <paramref name="pos"/> moved past the colon;
    /// <see cref="Field.None"/> for any other name (an escaped one included), or no name there.
    /// </summary>
    private static Field ScanName(ReadOnlySpan<byte> utf8, ref int pos)
    {
        if (pos + 1 >= utf8.Length || utf8[pos] != (byte)',')
        {
            return Field.None;
        }

        pos++;
        return ScanQuotedName(utf8, ref pos);
    }

    /// <summary>At <c>"name":</c>, as <see cref="ScanName"/>.</summary>
    /// <remarks>
    /// One look at the first letter, then one comparison of the name with its quote and colon. The
    /// names are listed again here, beside <see cref="Name"/> (the reader path's lookup), on purpose:
    /// finding the name's end first and looking it up there made a text delta's scan ~20% slower.
    /// </remarks>
    private static Field ScanQuotedName(ReadOnlySpan<byte> utf8, ref int pos)
    {
        if (pos + 1 >= utf8.Length || utf8[pos] != (byte)'"')
        {
            return Field.None;
        }

        var rest = utf8[(pos + 1)..];
        (Field Field, int Length) match = rest[0] switch
        {
            (byte)'a' when rest.StartsWith("annotations\":"u8) => (Field.Annotations, 13),
            (byte)'a' when rest.StartsWith("arguments\":"u8) => (Field.Arguments, 11),
            (byte)'c' when rest.StartsWith("content_index\":"u8) => (Field.ContentIndex, 15),
            (byte)'c' when rest.StartsWith("content\":"u8) => (Field.Content, 9),
            (byte)'d' when rest.StartsWith("delta\":"u8) => (Field.Delta, 7),
            (byte)'i' when rest.StartsWith("id\":"u8) => (Field.Id, 4),
            (byte)'i' when rest.StartsWith("item_id\":"u8) => (Field.ItemId, 9),
            (byte)'i' when rest.StartsWith("item\":"u8) => (Field.Item, 6),
            (byte)'l' when rest.StartsWith("logprobs\":"u8) => (Field.Logprobs, 10),
            (byte)'n' when rest.StartsWith("name\":"u8) => (Field.Name, 6),
            (byte)'o' when rest.StartsWith("obfuscation\":"u8) => (Field.Obfuscation, 13),
            (byte)'o' when rest.StartsWith("output_index\":"u8) => (Field.OutputIndex, 14),
            (byte)'p' when rest.StartsWith("part\":"u8) => (Field.Part, 6),
            (byte)'p' when rest.StartsWith("phase\":"u8) => (Field.Phase, 7),
            (byte)'r' when rest.StartsWith("response\":"u8) => (Field.Response, 10),
            (byte)'r' when rest.StartsWith("role\":"u8) => (Field.Role, 6),
            (byte)'s' when rest.StartsWith("sequence_number\":"u8) => (Field.SequenceNumber, 17),
            (byte)'s' when rest.StartsWith("status\":"u8) => (Field.Status, 8),
            (byte)'s' when rest.StartsWith("stream_id\":"u8) => (Field.StreamId, 11),
            (byte)'t' when rest.StartsWith("text\":"u8) => (Field.Text, 6),
            (byte)'t' when rest.StartsWith("type\":"u8) => (Field.Type, 6),
            _ => (Field.None, 0),
        };

        pos += 1 + match.Length;
        return match.Field;
    }

    /// <summary>
    /// The string starting at <paramref name="pos"/> (its opening quote); <paramref name="end"/> is
    /// just past its closing quote. Escapes are skipped over, not checked: a string that has any is
    /// read through a reader later, which checks them.
    /// </summary>
    private static bool TryScanString(ReadOnlySpan<byte> utf8, int pos, out StringValue value, out int end)
    {
        value = StringValue.Absent;
        end = pos;
        if ((uint)pos >= (uint)utf8.Length || utf8[pos] != (byte)'"')
        {
            return false;
        }

        var start = pos + 1;
        var stop = utf8[start..].IndexOfAny((byte)'"', (byte)'\\');
        if (stop < 0)
        {
            return false;
        }

        if (utf8[start + stop] == (byte)'"')
        {
            // Plain: printable ASCII only (a control byte is the reader's to reject, other text to transcode).
            value = new StringValue(start, stop, Plain: utf8.Slice(start, stop).IndexOfAnyExceptInRange((byte)0x20, (byte)0x7F) < 0);
            end = start + stop + 1;
            return true;
        }

        for (var i = start + stop; i < utf8.Length; i++)
        {
            switch (utf8[i])
            {
                case (byte)'\\':
                    i++; // the escaped byte can be a quote
                    break;
                case (byte)'"':
                    value = new StringValue(start, i - start, Plain: false);
                    end = i + 1;
                    return true;
            }
        }

        return false;
    }

    /// <summary>A JSON integer from 0 to <see cref="int.MaxValue"/> (no sign, no leading zero), followed by <c>,</c> or <c>}</c>.</summary>
    private static bool TryScanInt32(ReadOnlySpan<byte> utf8, ref int pos, out int value)
    {
        value = 0;
        var start = pos;
        long total = 0;
        while (pos < utf8.Length && (uint)(utf8[pos] - '0') <= 9)
        {
            total = (total * 10) + (utf8[pos] - '0');
            pos++;
            if (pos - start > 10)
            {
                return false;
            }
        }

        var length = pos - start;
        if (length == 0 || (length > 1 && utf8[start] == (byte)'0') || total > int.MaxValue
            || pos >= utf8.Length || utf8[pos] is not ((byte)',' or (byte)'}'))
        {
            return false;
        }

        value = (int)total;
        return true;
    }
}
