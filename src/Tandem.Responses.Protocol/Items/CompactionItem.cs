using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary>An opaque compaction of earlier context, produced by <c>context_management</c> or <c>/responses/compact</c>.</summary>
public sealed class CompactionItem : ResponseItem
{
    public CompactionItem() => Type = ItemTypes.Compaction;

    [JsonPropertyOrder(-10)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? Id { get; set; }

    [JsonConverter(typeof(LargeStringConverter))]
    public string EncryptedContent { get; set; } = string.Empty;
}
