namespace Tandem.Voice.Realtime.Protocol;

/// <summary>The progress of an <c>mcp_list_tools</c> item.</summary>
public abstract record RealtimeMcpListToolsEvent : RealtimeServerEvent
{
    protected RealtimeMcpListToolsEvent(string type)
        : base(type)
    {
    }

    public string ItemId { get; set; } = string.Empty;
}
