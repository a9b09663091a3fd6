using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Tandem.Skills;

/// <summary>
/// The skills loaded from the trusted roots. Progressive disclosure: the model first sees only
/// <see cref="CatalogText"/> (name and description of each skill); <see cref="ActivateSkillTool"/>
/// gives it a skill's instructions when it decides to use one; resources come after that, on demand.
/// </summary>
public sealed class SkillCatalog
{
    private readonly Dictionary<string, Skill> _byName;

    internal SkillCatalog(IEnumerable<Skill> skills, IReadOnlyList<SkillDiagnostic> diagnostics)
    {
        Skills = skills.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        _byName = Skills.ToDictionary(s => s.Name, StringComparer.Ordinal);
        Diagnostics = diagnostics;
        CatalogText = BuildText(Skills);
    }

    public static SkillCatalog Empty { get; } = new([], []);

    /// <summary>The loaded skills, in name order.</summary>
    public IReadOnlyList<Skill> Skills { get; }

    /// <summary>Everything loading found: refused skills, skipped contracts, warnings, missing roots.</summary>
    public IReadOnlyList<SkillDiagnostic> Diagnostics { get; }

    /// <summary>
    /// What the model is told about the skills up front (for the instructions): one line per skill,
    /// its name and description only, and how to activate one. Empty when there are no skills.
    /// </summary>
    public string CatalogText { get; }

    public bool TryGet(string name, [NotNullWhen(true)] out Skill? skill) => _byName.TryGetValue(name, out skill);

    /// <summary>The <c>activate_skill</c> tool over these skills.</summary>
    /// <exception cref="InvalidOperationException">There are no skills (an enum of no names is not a valid schema).</exception>
    public ActivateSkillTool CreateActivateSkillTool() =>
        Skills.Count == 0 ? throw new InvalidOperationException("There are no skills to activate; offer no activate_skill tool.") : new ActivateSkillTool(this);

    private static string BuildText(IReadOnlyList<Skill> skills)
    {
        if (skills.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder()
            .Append("Skills are packaged instructions (and sometimes tools) for specific tasks. Only each skill's name and description are listed here; ")
            .Append("before using a skill, call `").Append(ActivateSkillTool.ToolName).Append("` with its name to read its instructions.\n\n");
        foreach (var skill in skills)
        {
            // One line per skill whatever the YAML did with line breaks, so entries cannot run together.
            sb.Append("- ").Append(skill.Name).Append(": ").AppendJoin(' ', skill.Description.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Append('\n');
        }

        return sb.ToString();
    }
}
