namespace Tandem.Responses.Protocol;

/// <summary><c>response.content_part.added</c> / <c>response.content_part.done</c>.</summary>
public sealed class ContentPartEvent : ResponseStreamEvent
{
    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public int ContentIndex { get; set; }

    public ContentPart Part { get; set; } = new();
}
