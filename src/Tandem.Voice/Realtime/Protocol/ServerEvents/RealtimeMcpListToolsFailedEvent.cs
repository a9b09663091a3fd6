namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>mcp_list_tools.failed</c>: Listing an MCP server's tools failed.</summary>
public sealed record RealtimeMcpListToolsFailedEvent : RealtimeMcpListToolsEvent
{
    public RealtimeMcpListToolsFailedEvent()
        : base(RealtimeServerEventTypes.McpListToolsFailed)
    {
    }
}
