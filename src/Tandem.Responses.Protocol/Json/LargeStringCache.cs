using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Writes a long string value (a tool output, a file, an encrypted blob) from its JSON encoding
/// made the second time the same string instance is written, instead of escaping and transcoding
/// it again: a stateless conversation resends every item of its history each turn, and encoding
/// those strings was most of the cost of a turn with a 200 KB history. Strings are immutable, so
/// an encoding keyed by the instance stays right; it lives as long as the string does. Only
/// writes inside <see cref="Begin"/>/<see cref="End"/> on the thread use it (the client's request
/// bodies): nothing else resends the same strings, and it would only pay for remembering them.
/// </summary>
internal static class LargeStringCache
{
    /// <summary>Shorter strings are written as usual: encoding them is cheap, remembering them is not.</summary>
    public const int MinLength = 1024;

    private static readonly ConditionalWeakTable<string, Entry> Entries = new();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    [ThreadStatic]
    private static int t_active;

    /// <summary>Writes on this thread use the cache until the matching <see cref="End"/>.</summary>
    public static void Begin() => t_active++;

    public static void End() => t_active--;

    /// <summary>Writes <paramref name="value"/> exactly as <see cref="Utf8JsonWriter.WriteStringValue(string)"/> would.</summary>
    public static void WriteString(Utf8JsonWriter writer, string value)
    {
        var encoder = writer.Options.Encoder;
        if (value.Length < MinLength || encoder is null || t_active == 0)
        {
            writer.WriteStringValue(value);
            return;
        }

        if (!Entries.TryGetValue(value, out var entry))
        {
            // First time: only remember it was written; a string sent once is not worth a copy.
            Entries.TryAdd(value, new Entry());
            writer.WriteStringValue(value);
            return;
        }

        // The encoding depends only on the encoder (a string token has no layout to indent).
        var encoded = Volatile.Read(ref entry.Encoded);
        if (encoded is null || !ReferenceEquals(encoded.Item1, encoder))
        {
            encoded = Tuple.Create(encoder, Encode(value, encoder));
            Volatile.Write(ref entry.Encoded, encoded);
        }

        writer.WriteRawValue(encoded.Item2, skipInputValidation: true);
    }

    private static byte[] Encode(string value, JavaScriptEncoder encoder)
    {
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>();
        scratch.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(scratch, new JsonWriterOptions { Encoder = encoder, SkipValidation = true }))
        {
            json.WriteStringValue(value);
        }

        var bytes = scratch.WrittenSpan.ToArray();
        if (scratch.Capacity > 1024 * 1024)
        {
            t_scratch = null; // a thread does not keep a huge scratch buffer
        }

        return bytes;
    }

    private sealed class Entry
    {
        public Tuple<JavaScriptEncoder, byte[]>? Encoded;
    }
}
