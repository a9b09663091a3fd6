using Tandem.Agents.Durability;
using Tandem.Agents.Policy;
using Tandem.Responses.Protocol;

namespace Tandem.Agents.Execution;

/// <summary>
/// Approvals given out of band: a run that stopped with <see cref="AgentRunStatus.AwaitingApproval"/>
/// is continued with <see cref="ResumeAsync"/> once someone has called <see cref="ApprovalGate.Approve"/>
/// (or <see cref="ApprovalGate.Deny"/>) with the nonce from the <see cref="ApprovalRequestedEvent"/>.
/// The approval is consumed exactly as in a live run: once, for this run, tool and argument hash, before
/// it expires.
/// </summary>
public sealed partial class AgentRunner
{
    private async Task<(ApprovalDecision Decision, ApprovalRequest? NewRequest, string Detail)> DecideApprovalAsync(
        AgentRunOptions options, RunState state, int turn, FunctionCallItem call, string why, string? nonce, CancellationToken cancellationToken)
    {
        var gate = options.Approvals!;
        if (nonce is not null)
        {
            if (gate.TryUse(nonce, state.RunId, call.Name, call.Arguments, out var refusal))
            {
                return (ApprovalDecision.Approved, null, string.Empty);
            }

            if (gate.DenialOf(nonce) is { } denial)
            {
                return (ApprovalDecision.Denied, null, $"The call to {call.Name} was denied by an approver: {denial}");
            }

            if (refusal == "not approved" && options.ApprovalHandler is null)
            {
                return (ApprovalDecision.Pending, null, $"The call {call.CallId} to {call.Name} still needs an approval ({nonce}): {why}");
            }

            // Expired, or unknown to this gate (another process issued it): ask again below.
        }

        var request = gate.Request(state.RunId, call.CallId, call.Name, call.Arguments, why);
        await AppendAsync(state.RunId, JournalEntryKind.ApprovalRequested, JournalPayloads.ApprovalRequested(turn, request), cancellationToken).ConfigureAwait(false);
        var approved = options.ApprovalHandler is { } ask
            && await ask(request, cancellationToken).ConfigureAwait(false)
            && gate.Approve(request.Nonce)
            && gate.TryUse(request.Nonce, state.RunId, call.Name, call.Arguments, out _);
        return approved
            ? (ApprovalDecision.Approved, request, string.Empty)
            : (ApprovalDecision.Pending, request, $"The call {call.CallId} to {call.Name} needs an approval ({request.Nonce}): {why}");
    }
}
