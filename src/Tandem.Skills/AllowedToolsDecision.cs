namespace Tandem.Skills;

/// <summary>The tools a run may use while a skill is active, and why any the skill asked for are missing.</summary>
public sealed class AllowedToolsDecision
{
    internal AllowedToolsDecision(IReadOnlySet<string> tools, IReadOnlyList<string> denied, IReadOnlyList<SkillDiagnostic> diagnostics)
    {
        Tools = tools;
        Denied = denied;
        Diagnostics = diagnostics;
    }

    /// <summary>Always a subset of the profile's tools.</summary>
    public IReadOnlySet<string> Tools { get; }

    /// <summary>The requested entries that were not granted, as the skill wrote them.</summary>
    public IReadOnlyList<string> Denied { get; }

    public IReadOnlyList<SkillDiagnostic> Diagnostics { get; }
}
