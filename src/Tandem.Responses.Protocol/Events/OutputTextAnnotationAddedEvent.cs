using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;
using System.Text.Json;

namespace Tandem.Responses.Protocol;

/// <summary><c>response.output_text.annotation.added</c> (the annotation is kept raw).</summary>
public sealed class OutputTextAnnotationAddedEvent : ResponseStreamEvent
{
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public int ContentIndex { get; set; }

    public int AnnotationIndex { get; set; }

    public JsonElement Annotation { get; set; }
}
