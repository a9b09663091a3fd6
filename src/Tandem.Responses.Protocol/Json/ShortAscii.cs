using System.Buffers.Binary;
using System.Text;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// A short ASCII value (1 to 16 bytes) held inline, for a field that arrives with nearly every
/// event and is almost never read (a delta's <c>obfuscation</c> padding): kept this way it costs
/// no string per event, and becomes one only when read.
/// </summary>
internal readonly struct ShortAscii
{
    public const int MaxLength = 16;

    private readonly ulong _low;
    private readonly ulong _high;
    private readonly byte _length;

    private ShortAscii(ulong low, ulong high, int length)
    {
        _low = low;
        _high = high;
        _length = (byte)length;
    }

    public bool IsEmpty => _length == 0;

    /// <summary>Holds <paramref name="utf8"/> when it is 1 to 16 ASCII bytes.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> utf8, out ShortAscii value)
    {
        if (utf8.IsEmpty || utf8.Length > MaxLength || !Ascii.IsValid(utf8))
        {
            value = default;
            return false;
        }

        Span<byte> bytes = stackalloc byte[MaxLength];
        bytes.Clear();
        utf8.CopyTo(bytes);
        value = new ShortAscii(BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]), utf8.Length);
        return true;
    }

    public override string ToString()
    {
        if (IsEmpty)
        {
            return string.Empty;
        }

        Span<byte> bytes = stackalloc byte[MaxLength];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, _low);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], _high);
        return Encoding.ASCII.GetString(bytes[.._length]);
    }
}
