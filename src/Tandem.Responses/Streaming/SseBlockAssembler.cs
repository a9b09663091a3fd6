using System.Buffers;
using System.Text;

namespace Tandem.Responses;

/// <summary>
/// The SSE spec's event-stream interpretation, one line at a time: <c>:</c> lines are comments, a
/// field's value follows the first colon with one leading space dropped, <c>data</c> lines are
/// joined by <c>\n</c>, <c>event</c> sets the type, and a blank line dispatches the event (when it
/// has data). <c>id</c> and <c>retry</c> only matter to a reconnecting client and other field names
/// are ignored, as the spec says. Field names are case-sensitive, as in <c>SseParser</c>.
/// </summary>
internal sealed class SseBlockAssembler
{
    private readonly ArrayBufferWriter<byte> _data = new();
    private readonly List<SseDataLine> _dataLines = [];
    private string? _eventType;
    private int _firstLine;

    /// <summary>The first line of an event with data that a blank line has not dispatched yet.</summary>
    public int? PendingLine => _dataLines.Count > 0 ? _firstLine : null;

    /// <summary>Takes one line; returns the event a blank line dispatches.</summary>
    public SseBlock? Feed(ReadOnlySpan<byte> line, int lineNumber)
    {
        if (line.IsEmpty)
        {
            return Dispatch();
        }

        if (line[0] == (byte)':')
        {
            return null;
        }

        if (_firstLine == 0)
        {
            _firstLine = lineNumber;
        }

        var colon = line.IndexOf((byte)':');
        var name = colon < 0 ? line : line[..colon];
        var valueOffset = colon < 0 ? line.Length : colon + 1;
        if (valueOffset < line.Length && line[valueOffset] == (byte)' ')
        {
            valueOffset++;
        }

        var value = line[valueOffset..];
        if (name.SequenceEqual("data"u8))
        {
            _data.Write(value);
            _data.Write("\n"u8);
            _dataLines.Add(new SseDataLine(lineNumber, valueOffset));
        }
        else if (name.SequenceEqual("event"u8))
        {
            _eventType = Encoding.UTF8.GetString(value);
        }

        return null;
    }

    private SseBlock? Dispatch()
    {
        SseBlock? block = null;
        if (_dataLines.Count > 0)
        {
            // The spec drops the last "\n" that joining added; an event without data lines is not dispatched.
            block = new SseBlock(_eventType ?? "message", _data.WrittenSpan[..^1].ToArray(), [.. _dataLines], _firstLine);
        }

        _data.ResetWrittenCount();
        _dataLines.Clear();
        _eventType = null;
        _firstLine = 0;
        return block;
    }
}
