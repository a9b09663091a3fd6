using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

/// <summary>
/// A reasoning item. <see cref="EncryptedContent"/> must be sent back verbatim for
/// <c>store:false</c> chains (request it with <c>include:["reasoning.encrypted_content"]</c>).
/// </summary>
public sealed class ReasoningItem : ResponseItem
{
    public ReasoningItem() => Type = ItemTypes.Reasoning;

    [JsonPropertyOrder(-10)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    /// <summary>Raw reasoning content parts, when the model exposes them (kept raw).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Content { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EncryptedContent { get; set; }

    public List<ContentPart> Summary { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; set; }
}
