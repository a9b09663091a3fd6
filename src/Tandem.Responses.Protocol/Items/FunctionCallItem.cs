using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

/// <summary>A call the model asks the client to make. <see cref="Arguments"/> is a JSON string.</summary>
public sealed class FunctionCallItem : ResponseItem
{
    public FunctionCallItem() => Type = ItemTypes.FunctionCall;

    [JsonPropertyOrder(-10)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; set; }

    public string Arguments { get; set; } = string.Empty;

    public string CallId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;
}
