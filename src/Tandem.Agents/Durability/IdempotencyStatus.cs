namespace Tandem.Agents.Durability;

public enum IdempotencyStatus
{
    /// <summary>Claimed by an execution that has not finished (or died: see the claim's age).</summary>
    Running,

    Completed,
}
