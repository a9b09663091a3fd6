namespace Tandem.Responses.Protocol;

/// <summary><c>response.refusal.done</c>.</summary>
public sealed class RefusalDoneEvent : ResponseStreamEvent
{
    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public int ContentIndex { get; set; }

    public string Refusal { get; set; } = string.Empty;
}
