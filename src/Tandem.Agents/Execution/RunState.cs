using Tandem.Responses.Protocol;

namespace Tandem.Agents.Execution;

/// <summary>What a run has used and seen so far (rebuilt from the journal on resume).</summary>
internal sealed class RunState(string runId, DateTimeOffset started)
{
    private readonly Dictionary<string, int> _repeats = new(StringComparer.Ordinal);

    public string RunId { get; } = runId;

    /// <summary>The options the run (or its resumption) runs with.</summary>
    public required AgentRunOptions Options { get; init; }

    /// <summary>The run's fence for tool outputs (checklist S1), or <see langword="null"/> with spotlighting off.</summary>
    public Tandem.Security.Spotlighting.Spotlight? Spotlight { get; init; }

    public DateTimeOffset Started { get; } = started;

    public long InputTokens { get; set; }

    public long CachedTokens { get; set; }

    public long OutputTokens { get; set; }

    public int ToolCalls { get; set; }

    public ResponseObject? Last { get; set; }

    /// <summary>Untrusted content has entered the run (a tool with untrusted output returned).</summary>
    public bool Tainted { get; set; }

    public List<TurnTiming> Timings { get; } = [];

    /// <summary>Each call's arguments by call id (the audit records their hash when the call finishes).</summary>
    public Dictionary<string, string> CallArguments { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts a call against the caps and the loop detector; the reason to stop, if any.</summary>
    public (AgentRunStatus Status, string Reason)? Count(FunctionCallItem call, AgentRunOptions options)
    {
        ToolCalls++;
        CallArguments[call.CallId] = call.Arguments;
        var signature = call.Name + "\n" + call.Arguments;
        var seen = _repeats[signature] = _repeats.GetValueOrDefault(signature) + 1;
        if (ToolCalls > options.MaxToolCalls)
        {
            return (AgentRunStatus.MaxToolCallsReached, $"The run reached its limit of {options.MaxToolCalls} tool calls.");
        }

        if (seen >= options.LoopThreshold)
        {
            return (AgentRunStatus.LoopDetected, $"The model called {call.Name} with the same arguments {seen} times.");
        }

        return null;
    }

    /// <summary>The server refused <c>context_management</c>: this run compacts client-side.</summary>
    public bool ClientCompaction { get; set; }

    /// <summary>Counts a response's usage; <paramref name="countAsLast"/> false for side requests (a compaction summary) that are not the run's answer.</summary>
    public void Completed(ResponseObject response, bool countAsLast = true)
    {
        if (countAsLast)
        {
            Last = response;
        }

        if (response.Usage is { } usage)
        {
            InputTokens += usage.InputTokens;
            CachedTokens += usage.InputTokensDetails.CachedTokens;
            OutputTokens += usage.OutputTokens;
        }
    }

    public AgentRunResult Result(AgentRunStatus status, string? reason, int replays) =>
        new(RunId, status, Last?.GetOutputText() ?? string.Empty, reason, InputTokens, CachedTokens, OutputTokens, ToolCalls, replays, Timings, Last);
}
