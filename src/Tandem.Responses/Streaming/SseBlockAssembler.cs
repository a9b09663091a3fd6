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
/// <remarks>
/// Two uses: <see cref="Feed"/> builds an <see cref="SseBlock"/> per event (type, data lines, line
/// numbers) for a reader that reports errors by line; the live HTTP transport uses
/// <see cref="Accept"/> and <see cref="Data"/> alone, which allocate nothing per event (the data
/// buffer is rented: dispose to return it).
/// </remarks>
internal sealed class SseBlockAssembler(bool blocks = true) : IDisposable
{
    private readonly List<SseDataLine>? _dataLines = blocks ? [] : null;
    private byte[] _data = ArrayPool<byte>.Shared.Rent(4 * 1024);
    private int _length;
    private int _lines;
    private string? _eventType;
    private int _firstLine;

    // The length of the data the last line dispatched (its state is reset by the next line), or -1.
    private int _dispatched = -1;

    /// <summary>The first line of an event with data that a blank line has not dispatched yet.</summary>
    public int? PendingLine => _lines > 0 && _dispatched < 0 ? _firstLine : null;

    /// <summary>The data of the event the last <see cref="Accept"/> dispatched; valid until the next line.</summary>
    public ReadOnlySpan<byte> Data => _data.AsSpan(0, Math.Max(_dispatched, 0));

    /// <summary>Takes one line; returns the event a blank line dispatches.</summary>
    public SseBlock? Feed(ReadOnlySpan<byte> line, int lineNumber) =>
        Accept(line, lineNumber)
            ? new SseBlock(_eventType ?? "message", Data.ToArray(), [.. _dataLines!], _firstLine)
            : null;

    /// <summary>Takes one line; true when it is the blank line that dispatches an event (its data is <see cref="Data"/>).</summary>
    public bool Accept(ReadOnlySpan<byte> line, int lineNumber)
    {
        if (_dispatched >= 0)
        {
            Reset();
        }

        if (line.IsEmpty)
        {
            if (_lines == 0)
            {
                Reset(); // an event without data lines is not dispatched
                return false;
            }

            _dispatched = _length - 1; // the spec drops the last "\n" that joining added
            return true;
        }

        if (line[0] == (byte)':')
        {
            return false;
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
            Append(value);
            Append("\n"u8);
            _lines++;
            _dataLines?.Add(new SseDataLine(lineNumber, valueOffset));
        }
        else if (name.SequenceEqual("event"u8) && _dataLines is not null)
        {
            _eventType = Encoding.UTF8.GetString(value);
        }

        return false;
    }

    public void Dispose()
    {
        var data = _data;
        _data = [];
        _length = 0;
        if (data.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _data.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + bytes.Length, _data.Length * 2));
            _data.AsSpan(0, _length).CopyTo(bigger);
            if (_data.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_data);
            }

            _data = bigger;
        }

        bytes.CopyTo(_data.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Reset()
    {
        _length = 0;
        _lines = 0;
        _dataLines?.Clear();
        _eventType = null;
        _firstLine = 0;
        _dispatched = -1;
    }
}
