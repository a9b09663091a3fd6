namespace Tandem.Benchmarks.Agents;

/// <summary>When a client starts the function calls of a response.</summary>
public enum ToolScheduling
{
    /// <summary>Each call on its own <c>response.output_item.done</c>, while the response may still stream (Tandem's <c>AgentRunner</c>).</summary>
    EarlyDispatch,

    /// <summary>All calls at once, after <c>response.completed</c> (<c>FunctionInvokingChatClient</c> with <c>AllowConcurrentInvocation</c>).</summary>
    AfterCompletionConcurrent,

    /// <summary>One call after another, after <c>response.completed</c> (<c>FunctionInvokingChatClient</c>'s default).</summary>
    AfterCompletionSerial,
}
