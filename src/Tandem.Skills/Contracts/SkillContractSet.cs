namespace Tandem.Skills.Contracts;

/// <summary>The contracts of one skill that passed every check, and the diagnostics of all of them.</summary>
public sealed class SkillContractSet
{
    internal SkillContractSet(IReadOnlyList<SkillContract> contracts, IReadOnlyList<SkillDiagnostic> diagnostics)
    {
        Contracts = contracts;
        Diagnostics = diagnostics;
    }

    /// <summary>Contracts whose schemas and examples are all valid; a contract with any error is left out.</summary>
    public IReadOnlyList<SkillContract> Contracts { get; }

    public IReadOnlyList<SkillDiagnostic> Diagnostics { get; }

    public bool IsValid => !Diagnostics.Any(d => d.IsError);
}
