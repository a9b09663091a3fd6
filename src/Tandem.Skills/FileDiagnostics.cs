namespace Tandem.Skills;

/// <summary>Collects the diagnostics of one file into a shared list, applying the mode's severity to conformance rules.</summary>
internal sealed class FileDiagnostics(string file, bool strict, List<SkillDiagnostic> target)
{
    public string File { get; } = file;

    public bool Strict { get; } = strict;

    /// <summary>Errors added through this instance (the list is shared with other files).</summary>
    public int ErrorCount { get; private set; }

    public void Error(string rule, string message, int? line = null, int? column = null) =>
        Add(SkillDiagnosticSeverity.Error, rule, message, line, column);

    public void Warning(string rule, string message, int? line = null, int? column = null) =>
        Add(SkillDiagnosticSeverity.Warning, rule, message, line, column);

    /// <summary>A departure from the format that changes neither identity nor safety: an error only in strict mode.</summary>
    public void Conformance(string rule, string message, int? line = null, int? column = null) =>
        Add(Strict ? SkillDiagnosticSeverity.Error : SkillDiagnosticSeverity.Warning, rule, message, line, column);

    private void Add(SkillDiagnosticSeverity severity, string rule, string message, int? line, int? column)
    {
        if (severity == SkillDiagnosticSeverity.Error)
        {
            ErrorCount++;
        }

        target.Add(new SkillDiagnostic(severity, rule, message, File, line, column));
    }
}
