using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;
using Tandem.Security.Audit;

namespace Tandem.Agents.Execution;

/// <summary>
/// The run's audit trail (checklist S11–S13), when <see cref="AgentRunOptions.Audit"/> is set: the
/// run's start and end, each model request by hash (not content), each tool call with the hash of its
/// arguments and how it ended, each approval decision, and each policy decision (a cap, a loop, a
/// compaction). The writer redacts and chains every record.
/// </summary>
public sealed partial class AgentRunner
{
    private static ValueTask AuditRunAsync(AgentRunOptions options, RunState state, string @event, string? status, string? reason, CancellationToken cancellationToken) =>
        options.Audit is not { } audit ? ValueTask.CompletedTask : Ignore(audit.WriteAsync(new AuditRecord
        {
            Event = @event,
            Actor = "agent",
            RunId = state.RunId,
            Status = status,
            Details = reason is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { ["reason"] = reason, ["model"] = options.Model },
        }, cancellationToken));

    private static ValueTask AuditModelRequestAsync(AgentRunOptions options, RunState state, int turn, IEnumerable<ResponseItem> items, CancellationToken cancellationToken) =>
        options.Audit is not { } audit ? ValueTask.CompletedTask
            : Ignore(audit.ModelRequestAsync(state.RunId, turn, options.Model, ProtocolJson.Serialize(items.ToList()), cancellationToken));

    private static ValueTask AuditToolAsync(AgentRunOptions options, RunState state, int turn, string callId, string tool, string arguments, string status, CancellationToken cancellationToken) =>
        options.Audit is not { } audit ? ValueTask.CompletedTask
            : Ignore(audit.ToolCallAsync(state.RunId, turn, callId, tool, arguments, status, cancellationToken));

    private static ValueTask AuditApprovalAsync(AgentRunOptions options, RunState state, int turn, FunctionCallItem call, string decision, string actor, CancellationToken cancellationToken) =>
        options.Audit is not { } audit ? ValueTask.CompletedTask
            : Ignore(audit.ApprovalAsync(state.RunId, turn, call.CallId, call.Name, call.Arguments, decision, actor, cancellationToken));

    private static ValueTask AuditPolicyAsync(AgentRunOptions options, RunState state, int? turn, FunctionCallItem? call, string decision, string reason, CancellationToken cancellationToken) =>
        options.Audit is not { } audit ? ValueTask.CompletedTask
            : Ignore(audit.PolicyDecisionAsync(state.RunId, turn, call?.CallId, call?.Name, decision, reason, cancellationToken));

    private static async ValueTask Ignore(ValueTask<AuditRecord> write) => await write.ConfigureAwait(false);
}
