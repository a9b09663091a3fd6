namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.output_text.done</c>: The whole output text of a part.</summary>
public sealed record RealtimeResponseOutputTextDoneEvent : RealtimeResponseContentEvent
{
    public RealtimeResponseOutputTextDoneEvent()
        : base(RealtimeServerEventTypes.ResponseOutputTextDone)
    {
    }

    public string Text { get; set; } = string.Empty;
}
