namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.function_call_arguments.delta</c>: A piece of a function call's arguments.</summary>
public sealed record RealtimeResponseFunctionCallArgumentsDeltaEvent : RealtimeServerEvent
{
    public RealtimeResponseFunctionCallArgumentsDeltaEvent()
        : base(RealtimeServerEventTypes.ResponseFunctionCallArgumentsDelta)
    {
    }

    public string ResponseId { get; set; } = string.Empty;

    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public string CallId { get; set; } = string.Empty;

    public string Delta { get; set; } = string.Empty;
}
