using System.Text.Json;

namespace Tandem.Voice.Realtime.Protocol.Json;

/// <summary>Server events by <c>type</c>; unknown types stay raw (<see cref="RealtimeUnknownServerEvent"/>).</summary>
internal sealed class RealtimeServerEventConverter : TypeDispatchConverter<RealtimeServerEvent>
{
    protected override string Kind => "server event";

    protected override Type? ClassOf(string type) => RealtimeServerEventTypes.Classes.GetValueOrDefault(type);

    protected override RealtimeServerEvent CreateRaw(JsonElement raw) => new RealtimeUnknownServerEvent(raw);

    protected override bool TryGetRaw(RealtimeServerEvent value, out JsonElement raw)
    {
        if (value is RealtimeUnknownServerEvent unknown)
        {
            raw = unknown.Raw;
            return true;
        }

        raw = default;
        return false;
    }
}
