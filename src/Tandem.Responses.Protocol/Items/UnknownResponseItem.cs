using System.Text.Json;

namespace Tandem.Responses.Protocol;

/// <summary>An item of a type Tandem does not model (web_search_call, mcp_call…), kept as raw JSON.</summary>
public sealed class UnknownResponseItem : ResponseItem
{
    public UnknownResponseItem(JsonElement raw)
    {
        Raw = raw;
        Type = raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : null;
    }

    /// <summary>The item exactly as received.</summary>
    public JsonElement Raw { get; }
}
