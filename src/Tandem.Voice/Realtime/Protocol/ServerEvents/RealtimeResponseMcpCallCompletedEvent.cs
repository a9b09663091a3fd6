namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.mcp_call.completed</c>: An MCP tool call succeeded.</summary>
public sealed record RealtimeResponseMcpCallCompletedEvent : RealtimeResponseMcpCallEvent
{
    public RealtimeResponseMcpCallCompletedEvent()
        : base(RealtimeServerEventTypes.ResponseMcpCallCompleted)
    {
    }
}
