namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.mcp_call.failed</c>: An MCP tool call failed.</summary>
public sealed record RealtimeResponseMcpCallFailedEvent : RealtimeResponseMcpCallEvent
{
    public RealtimeResponseMcpCallFailedEvent()
        : base(RealtimeServerEventTypes.ResponseMcpCallFailed)
    {
    }
}
