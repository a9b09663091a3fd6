using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// The serializer settings of the wire: source-generated metadata, snake_case, and relaxed
/// escaping so text is written the way OpenAI writes it (<c>\"</c>, raw non-ASCII) rather than
/// HTML-escaped.
/// </summary>
public static class ProtocolJson
{
    /// <summary>Options bound to <see cref="Context"/>; use them for every wire read and write.</summary>
    public static JsonSerializerOptions Options => Context.Options;

    /// <summary>The context with the wire's options.</summary>
    public static ProtocolJsonContext Context { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 128,
        Converters = { new RawJsonElementConverter() },
    });

    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static JsonTypeInfo<T> Info<T>() => TypeInfoCache<T>.Get(Options);

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Info<T>());

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Info<T>());

    /// <summary>Writes <paramref name="value"/> as UTF-8 JSON into <paramref name="buffer"/> without an intermediate string.</summary>
    public static void Write<T>(IBufferWriter<byte> buffer, T value)
    {
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        JsonSerializer.Serialize(writer, value, Info<T>());
    }

    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize(utf8, Info<T>());

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize(json, Info<T>());

    /// <summary>
    /// One event (an SSE <c>data:</c> payload or a WebSocket text frame). The common events in their
    /// usual shape are read directly from the bytes, everything else by the serializer, with the same
    /// result. The response of <c>response.created</c>, <c>response.in_progress</c> and
    /// <c>response.queued</c> is built on first read of <see cref="ResponseLifecycleEvent.Response"/>.
    /// </summary>
    public static ResponseStreamEvent ParseEvent(ReadOnlySpan<byte> utf8) =>
        FastEventReader.TryRead(utf8)
        ?? JsonSerializer.Deserialize(utf8, Info<ResponseStreamEvent>())
        ?? throw new JsonException("Event is null.");
}
