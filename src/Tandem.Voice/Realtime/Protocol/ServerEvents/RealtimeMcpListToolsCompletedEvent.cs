namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>mcp_list_tools.completed</c>: Listing an MCP server's tools succeeded.</summary>
public sealed record RealtimeMcpListToolsCompletedEvent : RealtimeMcpListToolsEvent
{
    public RealtimeMcpListToolsCompletedEvent()
        : base(RealtimeServerEventTypes.McpListToolsCompleted)
    {
    }
}
