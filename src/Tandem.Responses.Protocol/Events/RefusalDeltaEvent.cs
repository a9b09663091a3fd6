namespace Tandem.Responses.Protocol;

/// <summary><c>response.refusal.delta</c>.</summary>
public sealed class RefusalDeltaEvent : ResponseStreamEvent
{
    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public int ContentIndex { get; set; }

    public string Delta { get; set; } = string.Empty;
}
