using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

public sealed class OutputTokensDetails
{
    public int ReasoningTokens { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
