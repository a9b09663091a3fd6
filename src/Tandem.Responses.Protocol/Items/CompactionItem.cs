using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

/// <summary>An opaque compaction of earlier context, produced by <c>context_management</c> or <c>/responses/compact</c>.</summary>
public sealed class CompactionItem : ResponseItem
{
    public CompactionItem() => Type = ItemTypes.Compaction;

    [JsonPropertyOrder(-10)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    public string EncryptedContent { get; set; } = string.Empty;
}
