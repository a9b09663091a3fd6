namespace Tandem.Agents.Policy;

/// <summary>When a high-risk tool needs an approval.</summary>
public enum ApprovalPolicy
{
    /// <summary>Only once untrusted content has entered the run (checklist S2).</summary>
    WhenTainted,

    /// <summary>Every call of a high-risk tool.</summary>
    Always,
}
