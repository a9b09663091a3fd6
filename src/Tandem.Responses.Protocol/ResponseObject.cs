using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

/// <summary>
/// The response object (<c>object:"response"</c>). Fields OpenAI always writes — even as
/// <c>null</c> — are always written, so clients that expect them find them.
/// </summary>
public sealed class ResponseObject
{
    public string Id { get; set; } = string.Empty;

    public string Object { get; set; } = "response";

    public long CreatedAt { get; set; }

    /// <summary>queued, in_progress, completed, incomplete, failed, cancelled.</summary>
    public string Status { get; set; } = ResponseStatus.InProgress;

    /// <summary>Absent in early-2025 responses, so nullable to round-trip them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Background { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? CompletedAt { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ResponseError? Error { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IncompleteDetails? IncompleteDetails { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Instructions { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? MaxOutputTokens { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? MaxToolCalls { get; set; }

    public string Model { get; set; } = string.Empty;

    public List<ResponseItem> Output { get; set; } = [];

    public bool ParallelToolCalls { get; set; } = true;

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? PreviousResponseId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? PromptCacheKey { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Reasoning { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? SafetyIdentifier { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ServiceTier { get; set; }

    public bool Store { get; set; } = true;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Temperature { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Text { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? ToolChoice { get; set; }

    public List<ResponseTool> Tools { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TopP { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Truncation { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ResponseUsage? Usage { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? User { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>The concatenated text of every assistant <c>output_text</c> part.</summary>
    public string GetOutputText()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var item in Output)
        {
            if (item is MessageItem { Role: "assistant" } m)
            {
                sb.Append(m.GetText());
            }
        }

        return sb.ToString();
    }
}
