namespace Tandem.Skills.Testing;

/// <summary>The verdict on one contract example (or on a skill or tool that could not be tested at all).</summary>
public enum ContractExampleOutcome
{
    Passed,

    Failed,

    /// <summary>Nothing to run: a tool without examples. Reported, but not a failure (loading only warns about it too).</summary>
    Skipped,
}
