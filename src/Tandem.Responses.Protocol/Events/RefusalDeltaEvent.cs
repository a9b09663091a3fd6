using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;
namespace Tandem.Responses.Protocol;

/// <summary><c>response.refusal.delta</c>.</summary>
public sealed class RefusalDeltaEvent : ResponseStreamEvent
{
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public int ContentIndex { get; set; }

    public string Delta { get; set; } = string.Empty;
}
