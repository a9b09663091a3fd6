namespace Tandem.Agents.Tools;

/// <summary>What running a tool does to the world; decides replay and idempotency handling.</summary>
public enum SideEffect
{
    /// <summary>Only reads: safe to run again.</summary>
    Read,

    /// <summary>Changes local state (files, a database).</summary>
    Write,

    /// <summary>Acts outside the process's control (sends an email, charges a card).</summary>
    External,
}
