using System.Globalization;
using System.Text;

namespace Tandem.Skills;

/// <summary>
/// One finding about a skill: which rule (see <see cref="SkillRules"/>), where (file, and line and
/// column when the file is text the rule could point into), and what to do about it.
/// </summary>
public sealed record SkillDiagnostic(
    SkillDiagnosticSeverity Severity,
    string Rule,
    string Message,
    string? File = null,
    int? Line = null,
    int? Column = null)
{
    public bool IsError => Severity == SkillDiagnosticSeverity.Error;

    /// <summary>The compiler-style line a command prints: <c>path:line:column: error rule: message</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (File is not null)
        {
            sb.Append(File);
            if (Line is { } line)
            {
                sb.Append(':').Append(line.ToString(CultureInfo.InvariantCulture));
                if (Column is { } column)
                {
                    sb.Append(':').Append(column.ToString(CultureInfo.InvariantCulture));
                }
            }

            sb.Append(": ");
        }

        sb.Append(IsError ? "error " : "warning ").Append(Rule).Append(": ").Append(Message);
        return sb.ToString();
    }
}
