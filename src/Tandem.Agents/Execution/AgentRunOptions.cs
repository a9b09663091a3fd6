using Tandem.Responses.Protocol;

namespace Tandem.Agents.Execution;

/// <summary>What a run asks of the model, and the caps that end it.</summary>
public sealed class AgentRunOptions
{
    public required string Model { get; init; }

    public string? Instructions { get; init; }

    /// <summary>Keep responses on the server (<c>store</c>); false keeps the chain on the live connection only.</summary>
    public bool Store { get; init; } = true;

    /// <summary>Lane (<c>stream_id</c>) for multi-lane WebSocket clients.</summary>
    public string? Lane { get; init; }

    /// <summary>Further request settings (reasoning, text, metadata…) copied into every turn.</summary>
    public Action<ResponseCreateRequest>? ConfigureRequest { get; init; }

    public int MaxTurns { get; init; } = 50;

    public int MaxToolCalls { get; init; } = 500;

    /// <summary>Input plus output tokens over the whole run.</summary>
    public long MaxTokens { get; init; } = 5_000_000;

    public TimeSpan MaxWallTime { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The same tool with the same arguments this many times ends the run (loop detection).</summary>
    public int LoopThreshold { get; init; } = 3;

    /// <summary>What to do when a turn's stream breaks off mid-way (after calls may have started).</summary>
    public TurnFailurePolicy OnTurnFailure { get; init; } = TurnFailurePolicy.RetryWhenReplaySafe;

    /// <summary>Approvals for high-risk tools; without a gate they run unchecked.</summary>
    public Policy.ApprovalGate? Approvals { get; init; }

    public Policy.ApprovalPolicy ApprovalPolicy { get; init; } = Policy.ApprovalPolicy.WhenTainted;

    /// <summary>
    /// Asked for each approval as it arises (a human, a policy service); true approves. Without it a
    /// call that needs approval ends the run with <see cref="AgentRunStatus.AwaitingApproval"/>.
    /// </summary>
    public Func<Policy.ApprovalRequest, CancellationToken, ValueTask<bool>>? ApprovalHandler { get; init; }

    /// <summary>
    /// Fence every tool output with the run's random marker before it reaches the model, and tell the
    /// model in the instructions that fenced text is data, never instructions (checklist S1). The
    /// output itself never goes into instructions.
    /// </summary>
    public bool Spotlighting { get; init; } = true;

    /// <summary>
    /// Removes known secrets (and key-shaped strings) from everything the run sends the model — the
    /// instructions, the user's messages, every tool output — (checklist S9). Give the same redactor to
    /// the loggers, span exporters and the audit writer.
    /// </summary>
    public Tandem.Security.Secrets.Redactor? Redactor { get; init; }

    /// <summary>Where the run's audit records go (tool calls, approvals, policy decisions, model requests by hash); none by default.</summary>
    public Tandem.Security.Audit.AuditWriter? Audit { get; init; }

    /// <summary>How the run stays under the context window (default: server-side compaction at 200k tokens, client-side where the server has none).</summary>
    public Context.CompactionOptions Compaction { get; init; } = new();
}
