namespace Tandem.Agents.Execution;

/// <summary>Bounds of tool execution.</summary>
public sealed class ToolDispatcherOptions
{
    /// <summary>Tool calls running at once, across all tools (each tool may bound itself further).</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Calls waiting for a worker; when full, whoever dispatches waits (nothing is dropped).</summary>
    public int QueueCapacity { get; set; } = 64;

    /// <summary>How often a duplicate call checks whether the first execution has finished.</summary>
    public TimeSpan DuplicatePollInterval { get; set; } = TimeSpan.FromMilliseconds(25);
}
