namespace Tandem.Agents.Context;

/// <summary>
/// Compaction for long runs, so a run can outgrow the model's context window. Server-side, the
/// request asks for <c>context_management</c> compaction and the server replaces the context with an
/// opaque compaction item once the rendered input reaches <see cref="Threshold"/>. Client-side
/// (servers without it), the runner asks the model for a summary when the last turn's input plus what
/// it is about to send reaches the threshold, and restarts the chain from that summary; it does the
/// same, once per turn, when the server answers <c>context_length_exceeded</c>.
/// </summary>
public sealed class CompactionOptions
{
    /// <summary>The default instruction for a client-side summary.</summary>
    public const string DefaultSummaryInstructions =
        "Summarise this conversation so it can continue from your summary alone: the task, what has been done, " +
        "every tool result still needed (exact values, identifiers and numbers), decisions made, and what remains to do. " +
        "Do not call tools. Write only the summary.";

    public CompactionMode Mode { get; init; } = CompactionMode.Auto;

    /// <summary>Rendered input tokens at which to compact (the server's <c>compact_threshold</c>; at least 1000).</summary>
    public int Threshold { get; init; } = 200_000;

    /// <summary>Instructions for the summary request (client-side).</summary>
    public string SummaryInstructions { get; init; } = DefaultSummaryInstructions;
}
