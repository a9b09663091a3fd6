namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.cancel</c>: Cancels the response in progress (or <see cref="ResponseId"/>).</summary>
public sealed record RealtimeResponseCancelEvent : RealtimeClientEvent
{
    public RealtimeResponseCancelEvent()
        : base(RealtimeClientEventTypes.ResponseCancel)
    {
    }

    public string? ResponseId { get; set; }
}
