namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.mcp_call_arguments.delta</c>: A piece of an MCP tool call's arguments.</summary>
public sealed record RealtimeResponseMcpCallArgumentsDeltaEvent : RealtimeServerEvent
{
    public RealtimeResponseMcpCallArgumentsDeltaEvent()
        : base(RealtimeServerEventTypes.ResponseMcpCallArgumentsDelta)
    {
    }

    public string ResponseId { get; set; } = string.Empty;

    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public string Delta { get; set; } = string.Empty;
}
