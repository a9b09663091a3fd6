using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

/// <summary>Token usage of a response.</summary>
public sealed class ResponseUsage
{
    public int InputTokens { get; set; }

    public InputTokensDetails InputTokensDetails { get; set; } = new();

    public int OutputTokens { get; set; }

    public OutputTokensDetails OutputTokensDetails { get; set; } = new();

    public int TotalTokens { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
