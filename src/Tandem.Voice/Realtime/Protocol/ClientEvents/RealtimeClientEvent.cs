using System.Text.Json.Serialization;
using Tandem.Voice.Realtime.Protocol.Json;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// An event the client sends. <see cref="EventId"/> is the client's own id; an <c>error</c> caused by
/// the event names it in <see cref="RealtimeErrorDetail.EventId"/>. Unknown types read as
/// <see cref="RealtimeUnknownClientEvent"/> (a server answers those with an error).
/// </summary>
[JsonConverter(typeof(RealtimeClientEventConverter))]
public abstract record RealtimeClientEvent : RealtimeWireObject
{
    protected RealtimeClientEvent(string type) => Type = type;

    [JsonPropertyOrder(-100)]
    public string Type { get; }

    /// <summary>Optional client-generated id (<c>evt_…</c>, <see cref="RealtimeIds.NewClientEventId"/>).</summary>
    [JsonPropertyOrder(-99)]
    public string? EventId { get; set; }
}
