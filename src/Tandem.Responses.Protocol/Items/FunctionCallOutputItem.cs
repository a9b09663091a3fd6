using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

/// <summary>The client's result for a <see cref="FunctionCallItem"/>, matched by <see cref="CallId"/>.</summary>
public sealed class FunctionCallOutputItem : ResponseItem
{
    public FunctionCallOutputItem() => Type = ItemTypes.FunctionCallOutput;

    [JsonPropertyOrder(-10)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    public string CallId { get; set; } = string.Empty;

    /// <summary>A string, or a list of input content parts.</summary>
    public MessageContent Output { get; set; } = new(string.Empty);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; set; }

    public static FunctionCallOutputItem Create(string callId, string output) => new() { CallId = callId, Output = new MessageContent(output) };
}
