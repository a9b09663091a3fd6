using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

public sealed class IncompleteDetails
{
    /// <summary><c>max_output_tokens</c> or <c>content_filter</c>.</summary>
    public string? Reason { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
