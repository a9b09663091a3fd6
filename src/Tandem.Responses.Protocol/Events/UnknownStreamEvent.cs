using System.Text.Json;

namespace Tandem.Responses.Protocol;

/// <summary>An event type Tandem does not model, kept as raw JSON and written back verbatim.</summary>
public sealed class UnknownStreamEvent : ResponseStreamEvent
{
    public UnknownStreamEvent(JsonElement raw)
    {
        Raw = raw;
        if (raw.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String)
        {
            Type = t.GetString()!;
        }

        if (raw.TryGetProperty("sequence_number", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n))
        {
            SequenceNumber = n;
        }

        if (raw.TryGetProperty("stream_id", out var sid) && sid.ValueKind == JsonValueKind.String)
        {
            StreamId = sid.GetString();
        }
    }

    public JsonElement Raw { get; }
}
