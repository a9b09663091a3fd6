namespace Tandem.Responses.Protocol;

/// <summary><c>response.output_item.added</c> / <c>response.output_item.done</c>.</summary>
public sealed class OutputItemEvent : ResponseStreamEvent
{
    public int OutputIndex { get; set; }

    public ResponseItem Item { get; set; } = null!;
}
