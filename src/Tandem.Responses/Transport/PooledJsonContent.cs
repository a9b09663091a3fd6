using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Transport;

/// <summary>
/// A request body serialised once into a buffer rented from the shared pool and returned on
/// dispose: a 200 KB history resent every turn costs no large-object-heap allocation, and the
/// exact length is known (no chunked encoding).
/// </summary>
internal sealed class PooledJsonContent : HttpContent
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private byte[]? _buffer;
    private readonly int _length;

    private PooledJsonContent(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        Headers.ContentType = Json;
    }

    public static PooledJsonContent Create<T>(T value)
    {
        var writer = new PooledBufferWriter();
        using (var json = new Utf8JsonWriter(writer, ProtocolJson.WriterOptions))
        {
            JsonSerializer.Serialize(json, value, ProtocolJson.Info<T>());
        }

        return new PooledJsonContent(writer.Detach(out var length), length);
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
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledJsonContent));

    /// <summary>An <see cref="IBufferWriter{T}"/> over pooled arrays that grows by renting.</summary>
    private sealed class PooledBufferWriter : IBufferWriter<byte>
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(4096);
        private int _written;

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

            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
            _array.AsSpan(0, _written).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = bigger;
        }
    }
}
