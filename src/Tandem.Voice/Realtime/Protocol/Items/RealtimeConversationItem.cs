using System.Text.Json.Serialization;
using Tandem.Voice.Realtime.Protocol.Json;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// An item of a Realtime conversation: <see cref="RealtimeMessageItem"/>,
/// <see cref="RealtimeFunctionCallItem"/>, <see cref="RealtimeFunctionCallOutputItem"/>; any other
/// type (MCP items, item references, future ones) reads as <see cref="RealtimeUnknownItem"/>, kept raw.
/// </summary>
[JsonConverter(typeof(RealtimeConversationItemConverter))]
public abstract record RealtimeConversationItem : RealtimeWireObject
{
    protected RealtimeConversationItem(string type) => Type = type;

    /// <summary>The item id (<c>item_…</c>); optional when the client creates an item.</summary>
    [JsonPropertyOrder(-10)]
    public string? Id { get; set; }

    [JsonPropertyOrder(-9)]
    public string Type { get; }

    /// <summary><c>realtime.item</c> when present.</summary>
    [JsonPropertyName("object")]
    [JsonPropertyOrder(-8)]
    public string? ObjectType { get; set; }

    /// <summary><c>in_progress</c>, <c>completed</c> or <c>incomplete</c>.</summary>
    [JsonPropertyOrder(-7)]
    public string? Status { get; set; }
}
