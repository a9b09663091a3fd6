using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary>A call the model asks the client to make. <see cref="Arguments"/> is a JSON string.</summary>
public sealed class FunctionCallItem : ResponseItem
{
    public FunctionCallItem() => Type = ItemTypes.FunctionCall;

    [JsonPropertyOrder(-10)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? Id { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(KnownStringConverter))]
    public string? Status { get; set; }

    [JsonConverter(typeof(LargeStringConverter))]
    public string Arguments { get; set; } = string.Empty;

    [JsonConverter(typeof(RepeatedStringConverter))]
    public string CallId { get; set; } = string.Empty;

    [JsonConverter(typeof(RepeatedStringConverter))]
    public string Name { get; set; } = string.Empty;
}
