using System.Text.Json;
using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary>
/// A reasoning item. <see cref="EncryptedContent"/> must be sent back verbatim for
/// <c>store:false</c> chains (request it with <c>include:["reasoning.encrypted_content"]</c>).
/// </summary>
public sealed class ReasoningItem : ResponseItem
{
    // Made on first read, not at construction (DefaultOnRead): a parsed item sets it.
    private static readonly List<ContentPart> NullSummary = [];
    private List<ContentPart>? _summary;

    public ReasoningItem() => Type = ItemTypes.Reasoning;

    [JsonPropertyOrder(-10)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? Id { get; set; }

    /// <summary>Raw reasoning content parts, when the model exposes them (kept raw).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Content { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(LargeStringConverter))]
    public string? EncryptedContent { get; set; }

    [JsonConverter(typeof(ContentPartListConverter))]
    public List<ContentPart> Summary
    {
        get => DefaultOnRead.Get(ref _summary, NullSummary, static () => []);
        set => DefaultOnRead.Set(ref _summary, value, NullSummary);
    }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(KnownStringConverter))]
    public string? Status { get; set; }
}
