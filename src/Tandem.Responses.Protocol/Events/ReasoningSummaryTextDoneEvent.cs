using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;
namespace Tandem.Responses.Protocol;

/// <summary><c>response.reasoning_summary_text.done</c>.</summary>
public sealed class ReasoningSummaryTextDoneEvent : ResponseStreamEvent
{
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public int SummaryIndex { get; set; }

    public string Text { get; set; } = string.Empty;
}
