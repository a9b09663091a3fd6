using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

/// <summary>The body of <c>POST /v1/responses/compact</c> (<c>object:"response.compaction"</c>).</summary>
public sealed class CompactedResponse
{
    public string Id { get; set; } = string.Empty;

    public string Object { get; set; } = "response.compaction";

    public long CreatedAt { get; set; }

    public List<ResponseItem> Output { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ResponseUsage? Usage { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
