using System.Text;
using System.Text.Json;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Reads a short string value (a text delta: one token, a few bytes) as an instance read before on
/// the thread when the bytes are equal. Tokens come from a fixed vocabulary and the common ones
/// recur constantly, so most deltas of a stream need no new string. Strings are immutable, so a
/// shared instance changes nothing a caller can see. A small direct-mapped table (a new value
/// replaces whatever shared its slot) bounds what a thread keeps to a few KB.
/// </summary>
internal static class ShortStringCache
{
    /// <summary>Longer values are read as usual: they rarely recur, and comparing them costs more.</summary>
    public const int MaxBytes = 32;

    private const int Slots = 256; // a power of two

    [ThreadStatic]
    private static string?[]? t_slots;

    public static string? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxBytes)
        {
            return reader.GetString();
        }

        var bytes = reader.ValueSpan;
        ref var slot = ref SlotFor(bytes);

        // UTF-8 is never shorter than UTF-16 in code units, nor over three times longer.
        if (slot is { } candidate && candidate.Length <= bytes.Length && bytes.Length <= candidate.Length * 3 && reader.ValueTextEquals(candidate))
        {
            return candidate;
        }

        var value = reader.GetString()!;
        slot = value;
        return value;
    }

    /// <summary><see cref="Read"/> for a value that is plain ASCII (no escapes), given as its bytes.</summary>
    public static string ReadAscii(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > MaxBytes)
        {
            return Encoding.ASCII.GetString(ascii);
        }

        ref var slot = ref SlotFor(ascii);
        if (slot is { } candidate && Ascii.Equals(ascii, candidate))
        {
            return candidate;
        }

        var value = Encoding.ASCII.GetString(ascii);
        slot = value;
        return value;
    }

    private static ref string? SlotFor(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u; // FNV-1a
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        var slots = t_slots ??= new string?[Slots];
        return ref slots[(int)(hash & (Slots - 1))];
    }
}
