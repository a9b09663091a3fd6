namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.output_text.delta</c>: A piece of output text.</summary>
public sealed record RealtimeResponseOutputTextDeltaEvent : RealtimeResponseContentEvent
{
    public RealtimeResponseOutputTextDeltaEvent()
        : base(RealtimeServerEventTypes.ResponseOutputTextDelta)
    {
    }

    public string Delta { get; set; } = string.Empty;
}
