namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// The item and part nearly every answer streams, a message with <c>output_text</c> parts, scanned
/// without the serializer: its general read of such a small object (type peek, metadata, a reader
/// scoped to the value) cost several times the scan, four times a turn.
/// </summary>
internal static partial class FastEventReader
{
    private delegate T? Scanner<T>(ReadOnlySpan<byte> utf8, ref int pos)
        where T : class;

    /// <summary>The object <paramref name="utf8"/> holds exactly, scanned, or null (the caller then reads it in general).</summary>
    private static T? ScanWhole<T>(ReadOnlySpan<byte> utf8, Scanner<T> scan)
        where T : class
    {
        var pos = 0;
        return scan(utf8, ref pos) is { } value && pos == utf8.Length ? value : null;
    }

    /// <summary>
    /// A message item at <paramref name="pos"/>: fields <c>id</c>, <c>type</c> (<c>message</c>, required),
    /// <c>status</c>, <c>content</c> (a list of <see cref="TryScanOutputTextPart"/> parts), <c>phase</c>
    /// and <c>role</c> in any order, each once, strings only; <paramref name="pos"/> ends past the object.
    /// Nothing is built until the object is known to be such a message: most other items (function
    /// calls, reasoning, tool calls) fail here, and would otherwise leave an item and an id behind.
    /// </summary>
    internal static MessageItem? TryScanMessageItem(ReadOnlySpan<byte> utf8, ref int pos)
    {
        const Field Allowed = Field.Id | Field.Type | Field.Status | Field.Content | Field.Phase | Field.Role;
        if ((uint)pos >= (uint)utf8.Length || utf8[pos] != (byte)'{')
        {
            return null;
        }

        StringValue id = StringValue.Absent, status = StringValue.Absent, phase = StringValue.Absent, role = StringValue.Absent;
        List<ContentPart>? parts = null;
        var seen = Field.None;
        pos++;
        while (TryNextField(utf8, ref pos, Allowed, ref seen, first: seen == Field.None, out var field))
        {
            var ok = field switch
            {
                Field.None => (seen & Field.Type) != 0,
                Field.Type => TryScanString(utf8, pos, out var type, out pos) && utf8.Slice(type.Start, type.Length).SequenceEqual("message"u8),
                Field.Id => TryScanString(utf8, pos, out id, out pos),
                Field.Status => TryScanString(utf8, pos, out status, out pos),
                Field.Phase => TryScanString(utf8, pos, out phase, out pos),
                Field.Role => TryScanString(utf8, pos, out role, out pos),
                Field.Content => (parts = TryScanParts(utf8, ref pos)) is not null,
                _ => false,
            };

            if (!ok)
            {
                return null;
            }

            if (field == Field.None)
            {
                var message = new MessageItem();
                if (id.IsPresent)
                {
                    message.Id = Read(utf8, id, TextKind.Repeated);
                }

                if (status.IsPresent)
                {
                    message.Status = Read(utf8, status, TextKind.Known);
                }

                if (phase.IsPresent)
                {
                    message.Phase = Read(utf8, phase, TextKind.Known);
                }

                if (role.IsPresent)
                {
                    message.Role = Read(utf8, role, TextKind.Known)!; // a string token reads as a string
                }

                if (parts is not null)
                {
                    message.Content = new MessageContent(parts);
                }

                return message;
            }
        }

        return null;
    }

    /// <summary>
    /// An <c>output_text</c> part at <paramref name="pos"/>: fields <c>type</c> (required),
    /// <c>annotations</c> and <c>logprobs</c> (each only <c>[]</c>) and <c>text</c>, in any order,
    /// each once; <paramref name="pos"/> ends past the object. Built only once it is known to be one.
    /// </summary>
    internal static ContentPart? TryScanOutputTextPart(ReadOnlySpan<byte> utf8, ref int pos)
    {
        const Field Allowed = Field.Type | Field.Annotations | Field.Logprobs | Field.Text;
        if ((uint)pos >= (uint)utf8.Length || utf8[pos] != (byte)'{')
        {
            return null;
        }

        var text = StringValue.Absent;
        var seen = Field.None;
        pos++;
        while (TryNextField(utf8, ref pos, Allowed, ref seen, first: seen == Field.None, out var field))
        {
            var ok = field switch
            {
                Field.None => (seen & Field.Type) != 0,
                Field.Type => TryScanString(utf8, pos, out var type, out pos) && utf8.Slice(type.Start, type.Length).SequenceEqual("output_text"u8),
                Field.Annotations or Field.Logprobs => TryScanEmptyArray(utf8, ref pos),
                Field.Text => TryScanString(utf8, pos, out text, out pos),
                _ => false,
            };

            if (!ok)
            {
                return null;
            }

            if (field == Field.None)
            {
                var part = new ContentPart { Type = "output_text" };
                if ((seen & Field.Annotations) != 0)
                {
                    part.Annotations = RawJsonElementConverter.EmptyArray;
                }

                if ((seen & Field.Logprobs) != 0)
                {
                    part.Logprobs = RawJsonElementConverter.EmptyArray;
                }

                if (text.IsPresent)
                {
                    part.Text = Read(utf8, text, TextKind.Recent);
                }

                return part;
            }
        }

        return null;
    }

    /// <summary>
    /// The next field of an object (<paramref name="pos"/> past its colon) or, as <see cref="Field.None"/>,
    /// the object's end (<paramref name="pos"/> past its <c>}</c>); false for a name not
    /// <paramref name="allowed"/> or already <paramref name="seen"/>, or anything else there.
    /// </summary>
    private static bool TryNextField(ReadOnlySpan<byte> utf8, ref int pos, Field allowed, ref Field seen, bool first, out Field field)
    {
        field = Field.None;
        if ((uint)pos >= (uint)utf8.Length)
        {
            return false;
        }

        if (utf8[pos] == (byte)'}')
        {
            pos++;
            return true;
        }

        field = first ? ScanQuotedName(utf8, ref pos) : ScanName(utf8, ref pos);
        if ((field & allowed) == 0 || (field & seen) != 0)
        {
            return false;
        }

        seen |= field;
        return true;
    }

    /// <summary>A list of <see cref="TryScanOutputTextPart"/> parts at <paramref name="pos"/>.</summary>
    private static List<ContentPart>? TryScanParts(ReadOnlySpan<byte> utf8, ref int pos)
    {
        if ((uint)pos >= (uint)utf8.Length || utf8[pos] != (byte)'[')
        {
            return null;
        }

        List<ContentPart>? parts = null; // made with the first part taken: a list that fails on its first part leaves nothing
        pos++;
        while (true)
        {
            if ((uint)pos >= (uint)utf8.Length)
            {
                return null;
            }

            if (utf8[pos] == (byte)']')
            {
                pos++;
                return parts ?? [];
            }

            if (parts is not null)
            {
                if (utf8[pos] != (byte)',')
                {
                    return null;
                }

                pos++;
            }

            if (TryScanOutputTextPart(utf8, ref pos) is not { } part)
            {
                return null;
            }

            (parts ??= []).Add(part);
        }
    }

    private static bool TryScanEmptyArray(ReadOnlySpan<byte> utf8, ref int pos)
    {
        if ((uint)pos > (uint)utf8.Length || !utf8[pos..].StartsWith("[]"u8))
        {
            return false;
        }

        pos += 2;
        return true;
    }
}
