namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>mcp_list_tools.in_progress</c>: Listing an MCP server's tools started.</summary>
public sealed record RealtimeMcpListToolsInProgressEvent : RealtimeMcpListToolsEvent
{
    public RealtimeMcpListToolsInProgressEvent()
        : base(RealtimeServerEventTypes.McpListToolsInProgress)
    {
    }
}
