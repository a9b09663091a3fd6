using System.Text.Json;
using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary>
/// The response object (<c>object:"response"</c>). Fields OpenAI always writes — even as
/// <c>null</c> — are always written, so clients that expect them find them.
/// </summary>
public sealed class ResponseObject
{
    // Made on first read, not at construction (DefaultOnRead): a parsed response sets them all.
    private static readonly List<ResponseItem> NullOutput = [];
    private static readonly List<ResponseTool> NullTools = [];
    private static readonly Dictionary<string, string> NullMetadata = [];
    private List<ResponseItem>? _output;
    private List<ResponseTool>? _tools;
    private Dictionary<string, string>? _metadata;

    [JsonConverter(typeof(RepeatedStringConverter))]
    public string Id { get; set; } = string.Empty;

    [JsonConverter(typeof(KnownStringConverter))]
    public string Object { get; set; } = "response";

    public long CreatedAt { get; set; }

    /// <summary>queued, in_progress, completed, incomplete, failed, cancelled.</summary>
    [JsonConverter(typeof(KnownStringConverter))]
    public string Status { get; set; } = ResponseStatus.InProgress;

    /// <summary>Absent in early-2025 responses, so nullable to round-trip them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Background { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? CompletedAt { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [JsonConverter(typeof(IsolatedConverter<ResponseError>))]
    public ResponseError? Error { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [JsonConverter(typeof(IsolatedConverter<IncompleteDetails>))]
    public IncompleteDetails? IncompleteDetails { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Instructions { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? MaxOutputTokens { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? MaxToolCalls { get; set; }

    [JsonConverter(typeof(RepeatedStringConverter))]
    public string Model { get; set; } = string.Empty;

    [JsonConverter(typeof(IsolatedListConverter<ResponseItem>))]
    public List<ResponseItem> Output
    {
        get => DefaultOnRead.Get(ref _output, NullOutput, static () => []);
        set => DefaultOnRead.Set(ref _output, value, NullOutput);
    }

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
    [JsonConverter(typeof(KnownStringConverter))]
    public string? ServiceTier { get; set; }

    public bool Store { get; set; } = true;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Temperature { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Text { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? ToolChoice { get; set; }

    [JsonConverter(typeof(IsolatedListConverter<ResponseTool>))]
    public List<ResponseTool> Tools
    {
        get => DefaultOnRead.Get(ref _tools, NullTools, static () => []);
        set => DefaultOnRead.Set(ref _tools, value, NullTools);
    }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TopP { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(KnownStringConverter))]
    public string? Truncation { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [JsonConverter(typeof(IsolatedConverter<ResponseUsage>))]
    public ResponseUsage? Usage { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? User { get; set; }

    /// <summary>How long a prompt cache entry is kept (<c>in_memory</c>, <c>24h</c>); written even when null, as OpenAI does.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [JsonConverter(typeof(KnownStringConverter))]
    public string? PromptCacheRetention { get; set; }

    /// <summary>Most likely tokens returned per position with logprobs (0–20); absent in older responses.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TopLogprobs { get; set; }

    [JsonConverter(typeof(IsolatedConverter<Dictionary<string, string>>))]
    public Dictionary<string, string> Metadata
    {
        get => DefaultOnRead.Get(ref _metadata, NullMetadata, static () => []);
        set => DefaultOnRead.Set(ref _metadata, value, NullMetadata);
    }

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
