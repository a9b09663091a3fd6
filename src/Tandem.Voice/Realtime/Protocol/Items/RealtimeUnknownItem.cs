using System.Text.Json;
using Tandem.Voice.Realtime.Protocol.Json;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>An item of a type Tandem does not model (MCP items, item references…), kept and written back verbatim.</summary>
public sealed record RealtimeUnknownItem : RealtimeConversationItem
{
    public RealtimeUnknownItem(JsonElement raw)
        : base(RawJson.StringProperty(raw, "type") ?? string.Empty)
    {
        Raw = raw.Clone();
        Id = RawJson.StringProperty(raw, "id");
    }

    /// <summary>The item as it arrived.</summary>
    public JsonElement Raw { get; }
}
