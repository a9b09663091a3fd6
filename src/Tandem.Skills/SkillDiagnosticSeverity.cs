namespace Tandem.Skills;

/// <summary>How much a diagnostic matters: an error keeps a skill (or a contract) out; a warning is advice.</summary>
public enum SkillDiagnosticSeverity
{
    Warning,
    Error,
}
