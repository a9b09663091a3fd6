using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;
namespace Tandem.Responses.Protocol;

/// <summary><c>response.reasoning_summary_part.added</c> / <c>.done</c>.</summary>
public sealed class ReasoningSummaryPartEvent : ResponseStreamEvent
{
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public int SummaryIndex { get; set; }

    public ContentPart Part { get; set; } = new() { Type = "summary_text" };
}
