namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.mcp_call.in_progress</c>: An MCP tool call started.</summary>
public sealed record RealtimeResponseMcpCallInProgressEvent : RealtimeResponseMcpCallEvent
{
    public RealtimeResponseMcpCallInProgressEvent()
        : base(RealtimeServerEventTypes.ResponseMcpCallInProgress)
    {
    }
}
