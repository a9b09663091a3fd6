using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Transport;

/// <summary>
/// A request body serialised once into a buffer rented from a pool and returned on
/// dispose: a 200 KB history resent every turn costs no large-object-heap allocation, and the
/// exact length is known (no chunked encoding).
/// </summary>
internal sealed class PooledJsonContent : HttpContent
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    // A writer per thread, reset onto each body (it is only a cursor: the bytes are the body's own).
    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    // The size of the last body written: a resent history is about as long as the last one, so its
    // buffer is rented at that size rather than grown by doubling from 4 KB. Shared, not per thread:
    // a body is written on whichever thread the caller runs on, and a thread new to it would grow
    // through every size again.
    private static int s_sizeHint;

    // Bodies come from a pool of their own: the shared pool keeps an array per size in the
    // returning thread's local slot first, so a thread that did not write the last bodies finds
    // none and allocates a new one (on the large-object heap from 85 KB). This pool has no
    // per-thread slots: whichever thread writes next gets the array the last body returned.
    private static readonly ArrayPool<byte> BodyPool = ArrayPool<byte>.Create(maxArrayLength: 64 * 1024 * 1024, maxArraysPerBucket: 16);

    private byte[]? _buffer;
    private readonly int _length;

    private PooledJsonContent(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        Headers.ContentType = Json;
    }

    public static PooledJsonContent Create<T>(T value) => Create(value, default);

    /// <summary>
    /// <paramref name="value"/> (a JSON object) with <paramref name="extraMember"/> (<c>"name":value</c>)
    /// added as its last member: the caller need not copy the value to change one field.
    /// </summary>
    public static PooledJsonContent Create<T>(T value, ReadOnlySpan<byte> extraMember)
    {
        var writer = new PooledBufferWriter(Volatile.Read(ref s_sizeHint));
        var json = t_json;
        t_json = null; // not shared with a serialisation this one might start
        if (json is null)
        {
            json = new Utf8JsonWriter(writer, ProtocolJson.WriterOptions);
        }
        else
        {
            json.Reset(writer);
        }

        LargeStringCache.Begin(); // a request's long strings are likely sent again next turn
        try
        {
            JsonSerializer.Serialize(json, value, ProtocolJson.Info<T>());
            json.Flush();
        }
        catch
        {
            writer.Release();
            throw;
        }
        finally
        {
            LargeStringCache.End();
            json.Reset(); // the buffer writer it still points to is detached below: it holds no buffer
            t_json = json;
        }

        if (!extraMember.IsEmpty)
        {
            writer.AppendMember(extraMember);
        }

        var content = new PooledJsonContent(writer.Detach(out var length), length);
        Volatile.Write(ref s_sizeHint, length);
        return content;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(Buffer.AsMemory(0, _length)).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(Buffer.AsMemory(0, _length), cancellationToken).AsTask();

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(Buffer, 0, _length);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            BodyPool.Return(buffer);
        }

        base.Dispose(disposing);
    }

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledJsonContent));

    /// <summary>An <see cref="IBufferWriter{T}"/> over pooled arrays that grows by renting.</summary>
    private sealed class PooledBufferWriter(int sizeHint) : IBufferWriter<byte>
    {
        private byte[] _array = BodyPool.Rent(Math.Clamp(sizeHint + 256, 4096, 1024 * 1024));
        private int _written;

        /// <summary>Turns the object written, <c>{…}</c>, into <c>{…,member}</c>.</summary>
        public void AppendMember(ReadOnlySpan<byte> member)
        {
            if (_written < 2 || _array[_written - 1] != (byte)'}')
            {
                throw new InvalidOperationException("The body is not a JSON object.");
            }

            _written--;
            var empty = _array[_written - 1] == (byte)'{';
            Ensure(member.Length + 2);
            if (!empty)
            {
                _array[_written++] = (byte)',';
            }

            member.CopyTo(_array.AsSpan(_written));
            _written += member.Length;
            _array[_written++] = (byte)'}';
        }

        /// <summary>Returns the buffer when the body was not finished.</summary>
        public void Release()
        {
            var array = _array;
            _array = [];
            if (array.Length > 0)
            {
                BodyPool.Return(array);
            }
        }

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsMemory(_written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsSpan(_written);
        }

        public byte[] Detach(out int length)
        {
            length = _written;
            var array = _array;
            _array = [];
            return array;
        }

        private void Ensure(int sizeHint)
        {
            var needed = _written + Math.Max(sizeHint, 1);
            if (needed <= _array.Length)
            {
                return;
            }

            var bigger = BodyPool.Rent(Math.Max(needed, _array.Length * 2));
            _array.AsSpan(0, _written).CopyTo(bigger);
            BodyPool.Return(_array);
            _array = bigger;
        }
    }
}
