namespace Tandem.Skills;

/// <summary>
/// A skill's <c>allowed-tools</c> only narrows policy, never widens it (checklist S6). The format calls
/// the field "pre-approved tools"; Tandem treats it as a request: while the skill is active the run
/// may use the requested tools that the deployment's profile grants, and nothing else. A request for a
/// tool the profile lacks (a skill asking for <c>shell</c> on a profile without it) is denied with a
/// diagnostic; it never adds the tool.
/// </summary>
public static class AllowedToolsPolicy
{
    /// <summary>Narrows <paramref name="profile"/> by what <paramref name="skill"/> asks for.</summary>
    public static AllowedToolsDecision Narrow(Skill skill, ToolProfile profile)
    {
        ArgumentNullException.ThrowIfNull(skill);
        return Narrow(skill.Name, skill.Document.AllowedTools, profile, Path.Combine(skill.Directory, SkillParser.FileName));
    }

    /// <summary>Narrows <paramref name="profile"/> by <paramref name="requested"/> (null: the skill asked for nothing in particular).</summary>
    /// <param name="file">The <c>SKILL.md</c> diagnostics should name, if any.</param>
    public static AllowedToolsDecision Narrow(string skillName, IReadOnlyList<string>? requested, ToolProfile profile, string? file = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(skillName);
        ArgumentNullException.ThrowIfNull(profile);
        if (requested is null)
        {
            // No allowed-tools: the skill does not narrow, and there is nothing it could widen.
            return new AllowedToolsDecision(profile.Tools, [], []);
        }

        var tools = new HashSet<string>(StringComparer.Ordinal);
        var denied = new List<string>();
        var diagnostics = new List<SkillDiagnostic>();
        foreach (var entry in requested)
        {
            if (entry.Contains('(', StringComparison.Ordinal))
            {
                // Argument patterns such as "Bash(git:*)" cannot be enforced on Tandem's tools; granting
                // the whole tool would give the skill more than it asked for.
                denied.Add(entry);
                diagnostics.Add(new SkillDiagnostic(
                    SkillDiagnosticSeverity.Warning,
                    SkillRules.AllowedToolsDenied,
                    $"Skill '{skillName}' asks for '{entry}': argument patterns are not supported, so the entry grants nothing. Name whole tools.",
                    file));
            }
            else if (profile.Tools.Contains(entry))
            {
                tools.Add(entry);
            }
            else
            {
                denied.Add(entry);
                diagnostics.Add(new SkillDiagnostic(
                    SkillDiagnosticSeverity.Warning,
                    SkillRules.AllowedToolsDenied,
                    $"Skill '{skillName}' asks for the tool '{entry}', which the profile '{profile.Name}' does not grant: denied. allowed-tools can only narrow the profile.",
                    file));
            }
        }

        return new AllowedToolsDecision(tools, denied, diagnostics);
    }
}
