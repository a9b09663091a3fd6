using Tandem.Security.Sandbox;

namespace Tandem.Skills.Testing;

/// <summary>Everything <see cref="SkillContractRunner.RunAsync"/> found under one path.</summary>
public sealed class SkillContractReport
{
    internal SkillContractReport(string path, int skillCount, IReadOnlyList<ContractExampleResult> results, IsolationMode? isolation, string? isolationDescription)
    {
        Path = path;
        SkillCount = skillCount;
        Results = results;
        Isolation = isolation;
        IsolationDescription = isolationDescription;
    }

    /// <summary>The folder tested, as a full path.</summary>
    public string Path { get; }

    /// <summary>Skill folders found (folders with a <c>SKILL.md</c>), loadable or not.</summary>
    public int SkillCount { get; }

    /// <summary>In skill, tool and example order.</summary>
    public IReadOnlyList<ContractExampleResult> Results { get; }

    /// <summary>The sandbox mode the scripts ran in (never <see cref="IsolationMode.Auto"/>); null when nothing ran.</summary>
    public IsolationMode? Isolation { get; }

    /// <summary>The sandbox's own account of that mode: what it enforces, and why the other mode did not run.</summary>
    public string? IsolationDescription { get; }

    public int PassedCount => Results.Count(r => r.Outcome == ContractExampleOutcome.Passed);

    public int FailedCount => Results.Count(r => r.Outcome == ContractExampleOutcome.Failed);

    public int SkippedCount => Results.Count(r => r.Outcome == ContractExampleOutcome.Skipped);

    /// <summary>At least one skill, and no failure.</summary>
    public bool Succeeded => SkillCount > 0 && FailedCount == 0;
}
