namespace Tandem.Voice.Realtime.Protocol;

/// <summary>The <c>type</c> of conversation items.</summary>
public static class RealtimeItemTypes
{
    public const string Message = "message";
    public const string FunctionCall = "function_call";
    public const string FunctionCallOutput = "function_call_output";
    public const string McpCall = "mcp_call";
    public const string McpListTools = "mcp_list_tools";
    public const string McpApprovalRequest = "mcp_approval_request";
    public const string McpApprovalResponse = "mcp_approval_response";
    public const string ItemReference = "item_reference";
}
