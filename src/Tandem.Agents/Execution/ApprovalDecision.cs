namespace Tandem.Agents.Execution;

/// <summary>Where a call that needs an approval stands when a paused run resumes.</summary>
internal enum ApprovalDecision
{
    Approved,
    Denied,
    Pending,
}
