using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Tandem.Voice.Realtime.Protocol.Json;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// Reading and writing the Realtime wire: snake_case, source-generated metadata, relaxed escaping (as
/// OpenAI writes), unknown fields and explicit nulls kept. A client reads server events and writes
/// client events; a server does the opposite with the same types.
/// </summary>
public static class RealtimeJson
{
    /// <summary>The serializer options of the wire; pass them (or <see cref="Info{T}"/>) to every read and write.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Writer settings matching <see cref="Options"/>, for writing events into a buffer.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>Parses one server event (one WebSocket text message). Unknown types come back as <see cref="RealtimeUnknownServerEvent"/>.</summary>
    /// <exception cref="JsonException">The text is not JSON, not an object, or a field has the wrong kind of value.</exception>
    public static RealtimeServerEvent ParseServerEvent(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, Info<RealtimeServerEvent>()) ?? throw new JsonException("A server event cannot be JSON null.");

    /// <inheritdoc cref="ParseServerEvent(ReadOnlySpan{byte})"/>
    public static RealtimeServerEvent ParseServerEvent(string json) =>
        JsonSerializer.Deserialize(json, Info<RealtimeServerEvent>()) ?? throw new JsonException("A server event cannot be JSON null.");

    /// <summary>Parses one client event. Unknown types come back as <see cref="RealtimeUnknownClientEvent"/>.</summary>
    /// <exception cref="JsonException">The text is not JSON, not an object, or a field has the wrong kind of value.</exception>
    public static RealtimeClientEvent ParseClientEvent(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, Info<RealtimeClientEvent>()) ?? throw new JsonException("A client event cannot be JSON null.");

    /// <inheritdoc cref="ParseClientEvent(ReadOnlySpan{byte})"/>
    public static RealtimeClientEvent ParseClientEvent(string json) =>
        JsonSerializer.Deserialize(json, Info<RealtimeClientEvent>()) ?? throw new JsonException("A client event cannot be JSON null.");

    public static string Serialize(RealtimeServerEvent serverEvent) => JsonSerializer.Serialize(serverEvent, Info<RealtimeServerEvent>());

    public static string Serialize(RealtimeClientEvent clientEvent) => JsonSerializer.Serialize(clientEvent, Info<RealtimeClientEvent>());

    public static byte[] SerializeToUtf8Bytes(RealtimeServerEvent serverEvent) => JsonSerializer.SerializeToUtf8Bytes(serverEvent, Info<RealtimeServerEvent>());

    public static byte[] SerializeToUtf8Bytes(RealtimeClientEvent clientEvent) => JsonSerializer.SerializeToUtf8Bytes(clientEvent, Info<RealtimeClientEvent>());

    /// <summary>Writes <paramref name="serverEvent"/> as UTF-8 JSON into <paramref name="buffer"/> (one frame's payload).</summary>
    public static void Write(IBufferWriter<byte> buffer, RealtimeServerEvent serverEvent)
    {
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        JsonSerializer.Serialize(writer, serverEvent, Info<RealtimeServerEvent>());
    }

    /// <summary>Writes <paramref name="clientEvent"/> as UTF-8 JSON into <paramref name="buffer"/> (one frame's payload).</summary>
    public static void Write(IBufferWriter<byte> buffer, RealtimeClientEvent clientEvent)
    {
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        JsonSerializer.Serialize(writer, clientEvent, Info<RealtimeClientEvent>());
    }

    /// <summary>Any wire object (a session configuration, an item, a response…) as JSON.</summary>
    public static string Serialize<T>(T value)
        where T : RealtimeWireObject => JsonSerializer.Serialize(value, Info<T>());

    /// <summary>Any wire object from JSON.</summary>
    public static T? Deserialize<T>(string json)
        where T : RealtimeWireObject => JsonSerializer.Deserialize(json, Info<T>());

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = 128,
            TypeInfoResolver = RealtimeJsonContext.Default.WithAddedModifier(ExplicitNullModifier.Apply),
        };
        options.MakeReadOnly();
        return options;
    }
}
