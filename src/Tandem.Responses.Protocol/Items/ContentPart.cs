using System.Text.Json;
using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary>
/// A content part: <c>input_text</c>, <c>output_text</c>, <c>refusal</c>, <c>summary_text</c>,
/// <c>input_image</c>, <c>input_file</c>… Only the common fields are typed; the rest round-trip
/// through <see cref="ExtensionData"/>.
/// </summary>
public sealed class ContentPart
{
    [JsonPropertyOrder(-10)]
    [JsonConverter(typeof(KnownStringConverter))]
    public string Type { get; set; } = "input_text";

    /// <summary>Annotations of an <c>output_text</c> part (kept raw).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Annotations { get; set; }

    /// <summary>Log probabilities of an <c>output_text</c> part (kept raw).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Logprobs { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(LargeStringConverter))]
    public string? Text { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Refusal { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    public static ContentPart InputText(string text) => new() { Type = "input_text", Text = text };

    public static ContentPart OutputText(string text) => new()
    {
        Type = "output_text",
        Annotations = EmptyArray,
        Logprobs = EmptyArray,
        Text = text,
    };

    /// <summary>An empty JSON array, shared (JsonElement over an immutable document is thread-safe).</summary>
    public static JsonElement EmptyArray { get; } = JsonDocument.Parse("[]").RootElement;
}
