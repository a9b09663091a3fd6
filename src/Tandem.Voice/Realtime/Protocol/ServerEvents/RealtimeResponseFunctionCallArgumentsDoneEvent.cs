namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.function_call_arguments.done</c>: A function call's arguments are complete (a JSON string).</summary>
public sealed record RealtimeResponseFunctionCallArgumentsDoneEvent : RealtimeServerEvent
{
    public RealtimeResponseFunctionCallArgumentsDoneEvent()
        : base(RealtimeServerEventTypes.ResponseFunctionCallArgumentsDone)
    {
    }

    public string ResponseId { get; set; } = string.Empty;

    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public string CallId { get; set; } = string.Empty;

    public string? Name { get; set; }

    public string Arguments { get; set; } = string.Empty;
}
