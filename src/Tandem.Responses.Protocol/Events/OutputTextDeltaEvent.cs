using System.Text.Json;
using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary><c>response.output_text.delta</c>.</summary>
public sealed class OutputTextDeltaEvent : ResponseStreamEvent
{
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public int ContentIndex { get; set; }

    public string Delta { get; set; } = string.Empty;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Logprobs { get; set; }

    /// <summary>Random padding OpenAI adds so delta sizes do not leak content.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Obfuscation { get; set; }
}
