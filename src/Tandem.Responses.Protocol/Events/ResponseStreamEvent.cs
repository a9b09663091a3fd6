using System.Text.Json;
using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary>
/// A server event of a streamed response — the same object over SSE (<c>data:</c>) and over a
/// WebSocket text frame. Event types Tandem does not model arrive as <see cref="UnknownStreamEvent"/>
/// and are never fatal.
/// </summary>
[JsonConverter(typeof(ResponseStreamEventConverter))]
public abstract class ResponseStreamEvent
{
    [JsonPropertyOrder(-10)]
    [JsonConverter(typeof(EventTypeConverter))]
    public string Type { get; set; } = string.Empty;

    /// <summary>Increases within a response; absent in early-2025 streams and on WebSocket error envelopes.</summary>
    [JsonPropertyOrder(-9)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SequenceNumber { get; set; }

    /// <summary>WebSocket mode: the lane of the request this event answers.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StreamId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>True for <c>response.completed</c>, <c>response.failed</c>, <c>response.incomplete</c> and <c>error</c>.</summary>
    [JsonIgnore]
    public bool IsTerminal => ResponseEventTypes.IsTerminal(Type);
}
