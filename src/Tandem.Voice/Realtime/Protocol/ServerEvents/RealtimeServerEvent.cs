using System.Text.Json.Serialization;
using Tandem.Voice.Realtime.Protocol.Json;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// An event the server sends. Every GA event type has its own record (see
/// <see cref="RealtimeServerEventTypes"/>); any other type reads as
/// <see cref="RealtimeUnknownServerEvent"/>, kept raw. Fields a record does not model are kept in
/// <see cref="RealtimeWireObject.AdditionalProperties"/>, so every event writes back as it arrived.
/// Build one with an object initializer and write it with <see cref="RealtimeJson.Serialize(RealtimeServerEvent)"/>.
/// </summary>
[JsonConverter(typeof(RealtimeServerEventConverter))]
public abstract record RealtimeServerEvent : RealtimeWireObject
{
    protected RealtimeServerEvent(string type) => Type = type;

    [JsonPropertyOrder(-100)]
    public string Type { get; }

    /// <summary>The server's id of this event (<c>event_…</c>, <see cref="RealtimeIds.NewEventId"/>).</summary>
    [JsonPropertyOrder(-99)]
    public string? EventId { get; set; }
}
