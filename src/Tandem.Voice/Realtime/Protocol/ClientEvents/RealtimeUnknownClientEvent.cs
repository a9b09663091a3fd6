using System.Text.Json;
using Tandem.Voice.Realtime.Protocol.Json;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>A client event of a type Tandem does not model, kept and written back verbatim.</summary>
public sealed record RealtimeUnknownClientEvent : RealtimeClientEvent
{
    public RealtimeUnknownClientEvent(JsonElement raw)
        : base(RawJson.StringProperty(raw, "type") ?? string.Empty)
    {
        Raw = raw.Clone();
        EventId = RawJson.StringProperty(raw, "event_id");
    }

    /// <summary>The event as it arrived.</summary>
    public JsonElement Raw { get; }
}
