namespace Tandem.Agents.Tools;

/// <summary>A tool the runtime can call. Implementations must honour the cancellation token (timeouts cancel it).</summary>
public interface ITool
{
    ToolDefinition Definition { get; }

    ValueTask<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken);
}
