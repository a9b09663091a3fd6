namespace Tandem.Skills;

/// <summary>Where skills may come from and how large they may be (checklist S7).</summary>
public sealed class SkillsOptions
{
    /// <summary>
    /// Absolute folders whose sub-folders are skills (<c>ROOT/NAME/SKILL.md</c>), in priority order: when
    /// two roots hold a skill of one name, the earlier root wins. A skill anywhere else is never loaded,
    /// and a symbolic link that leads out of its root is refused.
    /// </summary>
    public List<string> TrustedRoots { get; } = [];

    /// <summary>Largest <c>SKILL.md</c> accepted.</summary>
    public int MaxSkillFileBytes { get; set; } = 256 * 1024;

    /// <summary>Most files in one skill folder (every file is hashed).</summary>
    public int MaxFilesPerSkill { get; set; } = 1000;

    /// <summary>Most bytes in one skill folder, all files together.</summary>
    public long MaxBytesPerSkill { get; set; } = 32L * 1024 * 1024;
}
