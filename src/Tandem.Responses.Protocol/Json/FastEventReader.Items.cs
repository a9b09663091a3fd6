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
    /// </summary>
    internal static MessageItem? TryScanMessageItem(ReadOnlySpan<byte> utf8, ref int pos)
    {
        const Field Allowed = Field.Id | Field.Type | Field.Status | Field.Content | Field.Phase | Field.Role;
        if ((uint)pos >= (uint)utf8.Length || utf8[pos] != (byte)'{')
        {
            return null;
        }

        var message = new MessageItem();
        var seen = Field.None;
        pos++;
        while (TryNextField(utf8, ref pos, Allowed, ref seen, first: seen == Field.None, out var field))
        {
            switch (field)
            {
                case Field.None:
                    return (seen & Field.Type) != 0 ? message : null;
                case Field.Type:
                    if (!TryScanString(utf8, pos, out var type, out pos) || !utf8.Slice(type.Start, type.Length).SequenceEqual("message"u8))
                    {
                        return null;
                    }

                    break;
                case Field.Id:
                    if (!TryScanString(utf8, pos, out var id, out pos))
                    {
                        return null;
                    }

                    message.Id = Read(utf8, id, TextKind.Repeated);
                    break;
                case Field.Status:
                    if (!TryScanKnown(utf8, ref pos, out var status))
                    {
                        return null;
                    }

                    message.Status = status;
                    break;
                case Field.Phase:
                    if (!TryScanKnown(utf8, ref pos, out var phase))
                    {
                        return null;
                    }

                    message.Phase = phase;
                    break;
                case Field.Role:
                    if (!TryScanKnown(utf8, ref pos, out var role))
                    {
                        return null;
                    }

                    message.Role = role!; // a string token reads as a string
                    break;
                case Field.Content:
                    if (TryScanParts(utf8, ref pos) is not { } parts)
                    {
                        return null;
                    }

                    message.Content = new MessageContent(parts);
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// An <c>output_text</c> part at <paramref name="pos"/>: fields <c>type</c> (required),
    /// <c>annotations</c> and <c>logprobs</c> (each only <c>[]</c>) and <c>text</c>, in any order,
    /// each once; <paramref name="pos"/> ends past the object.
    /// </summary>
    internal static ContentPart? TryScanOutputTextPart(ReadOnlySpan<byte> utf8, ref int pos)
    {
        const Field Allowed = Field.Type | Field.Annotations | Field.Logprobs | Field.Text;
        if ((uint)pos >= (uint)utf8.Length || utf8[pos] != (byte)'{')
        {
            return null;
        }

        var part = new ContentPart { Type = "output_text" };
        var seen = Field.None;
        pos++;
        while (TryNextField(utf8, ref pos, Allowed, ref seen, first: seen == Field.None, out var field))
        {
            switch (field)
            {
                case Field.None:
                    return (seen & Field.Type) != 0 ? part : null;
                case Field.Type:
                    if (!TryScanString(utf8, pos, out var type, out pos) || !utf8.Slice(type.Start, type.Length).SequenceEqual("output_text"u8))
                    {
                        return null;
                    }

                    break;
                case Field.Annotations:
                    if (!TryScanEmptyArray(utf8, ref pos))
                    {
                        return null;
                    }

                    part.Annotations = RawJsonElementConverter.EmptyArray;
                    break;
                case Field.Logprobs:
                    if (!TryScanEmptyArray(utf8, ref pos))
                    {
                        return null;
                    }

                    part.Logprobs = RawJsonElementConverter.EmptyArray;
                    break;
                case Field.Text:
                    if (!TryScanString(utf8, pos, out var text, out pos))
                    {
                        return null;
                    }

                    part.Text = Read(utf8, text, TextKind.Recent);
                    break;
                default:
                    return null;
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

        var parts = new List<ContentPart>();
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
                return parts;
            }

            if (parts.Count > 0)
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

            parts.Add(part);
        }
    }

    /// <summary>A string of an enum-like field (status, role, phase) as its shared constant when it has one.</summary>
    private static bool TryScanKnown(ReadOnlySpan<byte> utf8, ref int pos, out string? value)
    {
        value = null;
        if (!TryScanString(utf8, pos, out var text, out pos))
        {
            return false;
        }

        value = Read(utf8, text, TextKind.Known);
        return true;
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
