namespace Tandem.Skills;

/// <summary>What <see cref="SkillParser.Parse"/> found: the document when no rule was broken, and every diagnostic.</summary>
public sealed class SkillParseResult
{
    internal SkillParseResult(SkillDocument? document, IReadOnlyList<SkillDiagnostic> diagnostics)
    {
        Document = document;
        Diagnostics = diagnostics;
    }

    /// <summary>The parsed skill; <see langword="null"/> when any diagnostic is an error.</summary>
    public SkillDocument? Document { get; }

    public IReadOnlyList<SkillDiagnostic> Diagnostics { get; }

    public bool IsValid => Document is not null;
}
