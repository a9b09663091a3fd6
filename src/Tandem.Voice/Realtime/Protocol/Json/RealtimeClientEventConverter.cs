using System.Text.Json;

namespace Tandem.Voice.Realtime.Protocol.Json;

/// <summary>Client events by <c>type</c>; unknown types stay raw (<see cref="RealtimeUnknownClientEvent"/>).</summary>
internal sealed class RealtimeClientEventConverter : TypeDispatchConverter<RealtimeClientEvent>
{
    protected override string Kind => "client event";

    protected override Type? ClassOf(string type) => RealtimeClientEventTypes.Classes.GetValueOrDefault(type);

    protected override RealtimeClientEvent CreateRaw(JsonElement raw) => new RealtimeUnknownClientEvent(raw);

    protected override bool TryGetRaw(RealtimeClientEvent value, out JsonElement raw)
    {
        if (value is RealtimeUnknownClientEvent unknown)
        {
            raw = unknown.Raw;
            return true;
        }

        raw = default;
        return false;
    }
}
