using Microsoft.Extensions.Logging;

namespace Tandem.Skills.Execution;

/// <summary>How <see cref="SkillToolset.Create"/> turns a catalog into tools.</summary>
public sealed class SkillToolsetOptions
{
    /// <summary>
    /// The tools the deployment grants (checklist S6). A skill's script tool is registered only when the profile names
    /// it; null grants every skill tool (the skills' own <c>allowed-tools</c> still narrow). <c>activate_skill</c> is
    /// always registered when there are skills: it only serves the text hashed at load.
    /// </summary>
    public ToolProfile? Profile { get; init; }

    /// <summary>Receives what the model is not shown: contract violations, failures, stderr excerpts (Debug).</summary>
    public ILogger? Logger { get; init; }
}
