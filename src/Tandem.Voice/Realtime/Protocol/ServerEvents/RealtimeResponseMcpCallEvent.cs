namespace Tandem.Voice.Realtime.Protocol;

/// <summary>The progress of an MCP tool call item of a response.</summary>
public abstract record RealtimeResponseMcpCallEvent : RealtimeServerEvent
{
    protected RealtimeResponseMcpCallEvent(string type)
        : base(type)
    {
    }

    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }
}
