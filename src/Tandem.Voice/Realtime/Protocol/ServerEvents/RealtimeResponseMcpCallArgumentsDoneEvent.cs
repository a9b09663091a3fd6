namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.mcp_call_arguments.done</c>: An MCP tool call's arguments are complete.</summary>
public sealed record RealtimeResponseMcpCallArgumentsDoneEvent : RealtimeServerEvent
{
    public RealtimeResponseMcpCallArgumentsDoneEvent()
        : base(RealtimeServerEventTypes.ResponseMcpCallArgumentsDone)
    {
    }

    public string ResponseId { get; set; } = string.Empty;

    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public string Arguments { get; set; } = string.Empty;
}
