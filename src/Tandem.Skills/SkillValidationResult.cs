namespace Tandem.Skills;

/// <summary>The verdict on one skill folder, for <c>tandem skills validate</c>.</summary>
public sealed class SkillValidationResult
{
    internal SkillValidationResult(string directory, Skill? skill, IReadOnlyList<SkillDiagnostic> diagnostics)
    {
        Directory = directory;
        Skill = skill;
        Diagnostics = diagnostics;
    }

    public string Directory { get; }

    /// <summary>The folder's name (what the skill's <c>name</c> must be).</summary>
    public string FolderName => Path.GetFileName(Path.TrimEndingDirectorySeparator(Directory));

    /// <summary>The parsed skill, when <c>SKILL.md</c> itself is valid (contracts may still have errors).</summary>
    public Skill? Skill { get; }

    public string? BundleSha256 => Skill?.BundleSha256;

    public IReadOnlyList<SkillDiagnostic> Diagnostics { get; }

    /// <summary>No error anywhere: <c>SKILL.md</c>, bundle, contracts and examples.</summary>
    public bool IsValid => Skill is not null && !Diagnostics.Any(d => d.IsError);
}
