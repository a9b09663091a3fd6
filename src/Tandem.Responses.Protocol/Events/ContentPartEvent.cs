using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;
namespace Tandem.Responses.Protocol;

/// <summary><c>response.content_part.added</c> / <c>response.content_part.done</c>.</summary>
public sealed class ContentPartEvent : ResponseStreamEvent
{
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public int ContentIndex { get; set; }

    public ContentPart Part { get; set; } = new();
}
