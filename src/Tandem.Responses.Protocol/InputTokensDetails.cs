using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

public sealed class InputTokensDetails
{
    /// <summary>Input tokens served from a cache (over WebSocket: the connection-local cache).</summary>
    public int CachedTokens { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
