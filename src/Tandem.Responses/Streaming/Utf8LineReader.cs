using System.Buffers;
using System.Runtime.CompilerServices;

namespace Tandem.Responses;

/// <summary>
/// Splits a byte stream into lines the way the SSE spec does (CRLF, LF or a lone CR ends a line;
/// one leading UTF-8 BOM is dropped) and counts them, without decoding: callers parse the bytes
/// directly, and a line's number is exact even when the text after it is not valid UTF-8. The
/// buffer is rented (the live HTTP transport reads every turn with one); dispose to return it.
/// </summary>
internal sealed class Utf8LineReader(Stream stream) : IDisposable
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _start;
    private int _end;
    private bool _eof;
    private bool _atStart = true;

    // The previous line ended with CR: an LF right after it belongs to the same terminator, but the
    // line is handed out at the CR already so a live stream is not held up waiting for the next byte.
    private bool _skipLf;

    public int LineNumber { get; private set; }

    /// <summary>The current line without its terminator; valid until the next <see cref="ReadLineAsync"/>.</summary>
    public ReadOnlyMemory<byte> Line { get; private set; }

    // Pooled builders: a read that waits for the network would otherwise allocate a state machine each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanned = 0;
        while (true)
        {
            if (_skipLf && _start < _end)
            {
                if (_buffer[_start] == (byte)'\n')
                {
                    _start++;
                }

                _skipLf = false;
            }

            if (_atStart && (_end - _start >= Bom.Length || _eof))
            {
                if (_buffer.AsSpan(_start, _end - _start).StartsWith(Bom))
                {
                    _start += Bom.Length;
                }

                _atStart = false;
            }

            if (!_skipLf && !_atStart)
            {
                var found = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOfAny((byte)'\r', (byte)'\n');
                if (found >= 0)
                {
                    var at = _start + scanned + found;
                    Line = _buffer.AsMemory(_start, at - _start);
                    _skipLf = _buffer[at] == (byte)'\r';
                    _start = at + 1;
                    LineNumber++;
                    return true;
                }

                scanned = _end - _start;
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    // A last line without a terminator is still a line (JSON Lines files often end so).
                    Line = _buffer.AsMemory(_start, _end - _start);
                    _start = _end;
                    LineNumber++;
                    return true;
                }

                return false;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _start = _end = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _eof = true;
        }
        else
        {
            _end += read;
        }
    }
}
