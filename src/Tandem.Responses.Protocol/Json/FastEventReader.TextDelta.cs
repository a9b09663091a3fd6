using System.Text.Json;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Text deltas, scanned without a <see cref="Utf8JsonReader"/>: they are most of a stream's events,
/// each a flat object of a few fields, and a JSON reader's per-token state machine was most of the
/// cost of reading one.
/// </summary>
internal static partial class FastEventReader
{
    // Both OpenAI (then the other fields by name) and Tandem's server (then in declaration order) write type first.
    private static ReadOnlySpan<byte> TextDeltaStart => "{\"type\":\"response.output_text.delta\""u8;

    /// <summary>A string value's place in the event: its bytes between the quotes, and whether they are plain ASCII.</summary>
    private readonly record struct StringValue(int Start, int Length, bool Plain)
    {
        public bool IsPresent => Length >= 0;

        public static StringValue Absent => new(0, -1, false);
    }

    /// <summary>
    /// A <c>response.output_text.delta</c> written compactly: <c>type</c> first, then known fields in
    /// any order, each once, with names as written, strings, non-negative integers without sign,
    /// fraction or exponent, and <c>logprobs</c> only as <c>[]</c>. Anything else gives null and the
    /// reader's general path (another reader, then the serializer) takes the event; so does a string
    /// with escapes or non-ASCII text that turns out invalid, after it was read through a reader.
    /// </summary>
    internal static OutputTextDeltaEvent? TryScanTextDelta(ReadOnlySpan<byte> utf8)
    {
        if (!utf8.StartsWith(TextDeltaStart))
        {
            return null;
        }

        var itemId = StringValue.Absent;
        var delta = StringValue.Absent;
        var obfuscation = StringValue.Absent;
        var streamId = StringValue.Absent;
        int? sequenceNumber = null;
        int outputIndex = 0, contentIndex = 0;
        var logprobs = false;
        var seen = Field.None;

        var pos = TextDeltaStart.Length;
        while (true)
        {
            if (pos >= utf8.Length)
            {
                return null;
            }

            if (utf8[pos] == (byte)'}')
            {
                if (pos + 1 != utf8.Length)
                {
                    return null;
                }

                break;
            }

            var field = ScanName(utf8, ref pos);
            if (field == Field.None || (field & seen) != 0)
            {
                return null;
            }

            seen |= field;
            bool ok;
            switch (field)
            {
                case Field.ItemId:
                    ok = TryScanString(utf8, pos, out itemId, out pos);
                    break;
                case Field.Delta:
                    ok = TryScanString(utf8, pos, out delta, out pos);
                    break;
                case Field.Obfuscation:
                    ok = TryScanString(utf8, pos, out obfuscation, out pos);
                    break;
                case Field.StreamId:
                    ok = TryScanString(utf8, pos, out streamId, out pos);
                    break;
                case Field.OutputIndex:
                    ok = TryScanInt32(utf8, ref pos, out outputIndex);
                    break;
                case Field.ContentIndex:
                    ok = TryScanInt32(utf8, ref pos, out contentIndex);
                    break;
                case Field.SequenceNumber:
                    ok = TryScanInt32(utf8, ref pos, out var sequence);
                    sequenceNumber = sequence;
                    break;
                case Field.Logprobs:
                    ok = logprobs = TryScanEmptyArray(utf8, ref pos);
                    break;
                default:
                    ok = false; // a field of another event
                    break;
            }

            if (!ok)
            {
                return null;
            }
        }

        // The whole object is well formed and every field known: only now does anything get built.
        var evt = new OutputTextDeltaEvent { Type = ResponseEventTypes.OutputTextDelta, SequenceNumber = sequenceNumber, OutputIndex = outputIndex, ContentIndex = contentIndex };
        if (itemId.IsPresent)
        {
            evt.ItemId = itemId.Plain ? RepeatedStringConverter.ReadAscii(utf8.Slice(itemId.Start, itemId.Length)) : ReadThroughReader(utf8, itemId, TextKind.Repeated)!;
        }

        if (delta.IsPresent)
        {
            evt.Delta = delta.Plain ? ShortStringCache.ReadAscii(utf8.Slice(delta.Start, delta.Length)) : ReadThroughReader(utf8, delta, TextKind.Short)!;
        }

        if (obfuscation.IsPresent && !(obfuscation.Plain && evt.TrySetObfuscation(utf8.Slice(obfuscation.Start, obfuscation.Length))))
        {
            evt.Obfuscation = ReadThroughReader(utf8, obfuscation, TextKind.Other);
        }

        if (streamId.IsPresent)
        {
            evt.StreamId = streamId.Plain ? RepeatedStringConverter.ReadAscii(utf8.Slice(streamId.Start, streamId.Length)) : ReadThroughReader(utf8, streamId, TextKind.Repeated);
        }

        if (logprobs)
        {
            evt.SetEmptyLogprobs();
        }

        return evt;
    }

    private enum TextKind
    {
        Repeated,
        Short,
        Recent,
        Known,
        Other,
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
    /// <remarks>One look at the first letter, then one comparison of the name with its quote and colon.</remarks>
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
            (byte)'c' when rest.StartsWith("content_index\":"u8) => (Field.ContentIndex, 15),
            (byte)'c' when rest.StartsWith("content\":"u8) => (Field.Content, 9),
            (byte)'d' when rest.StartsWith("delta\":"u8) => (Field.Delta, 7),
            (byte)'i' when rest.StartsWith("id\":"u8) => (Field.Id, 4),
            (byte)'i' when rest.StartsWith("item_id\":"u8) => (Field.ItemId, 9),
            (byte)'i' when rest.StartsWith("item\":"u8) => (Field.Item, 6),
            (byte)'l' when rest.StartsWith("logprobs\":"u8) => (Field.Logprobs, 10),
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
