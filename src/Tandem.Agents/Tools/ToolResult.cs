namespace Tandem.Agents.Tools;

/// <summary>What goes back to the model as the call's <c>function_call_output</c>.</summary>
public sealed record ToolResult(string Output, bool IsError = false)
{
    public static ToolResult Error(string message) => new(message, IsError: true);
}
