using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary><c>response.function_call_arguments.done</c>; newer streams also carry <c>name</c>.</summary>
public sealed class FunctionCallArgumentsDoneEvent : ResponseStreamEvent
{
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string ItemId { get; set; } = string.Empty;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    public int OutputIndex { get; set; }

    public string Arguments { get; set; } = string.Empty;
}
