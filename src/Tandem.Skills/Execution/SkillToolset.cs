using Tandem.Agents.Tools;
using Tandem.Security.Sandbox;
using Tandem.Skills.Contracts;

namespace Tandem.Skills.Execution;

/// <summary>
/// What a run gets from the skill catalog: <c>activate_skill</c>, a <see cref="SkillScriptTool"/> for each contract
/// that may be offered, all running in one sandbox (whose workspace is the run's workspace), and the catalog text
/// for the instructions.
/// </summary>
/// <remarks>
/// <para>
/// <c>allowed-tools</c> only narrows (S6). A skill's tool is registered when the deployment's
/// <see cref="SkillToolsetOptions.Profile"/> grants it (no profile: every skill tool is granted) and, when the skill
/// has <c>allowed-tools</c>, when that list names it too: a skill that leaves its own tool out of its request does
/// not get it. Computed with <see cref="AllowedToolsPolicy.Narrow(Skill, ToolProfile)"/>, so the result is a subset
/// of the profile; each tool left out gets a warning in <see cref="Diagnostics"/>.
/// </para>
/// <para>
/// What the run may use <em>while</em> a skill is active (the skill's request against the profile, for every tool
/// and not only the skill's own) is <see cref="AllowedToolsPolicy.Narrow(Skill, ToolProfile)"/> too; applying it on
/// activation is the runtime's part.
/// </para>
/// </remarks>
public sealed class SkillToolset
{
    private SkillToolset(string catalogText, IReadOnlyList<ITool> tools, IReadOnlyList<SkillDiagnostic> diagnostics)
    {
        CatalogText = catalogText;
        Tools = tools;
        Diagnostics = diagnostics;
    }

    /// <summary>The text to append to the instructions: each skill's name and description (empty without skills).</summary>
    public string CatalogText { get; }

    /// <summary><c>activate_skill</c> first, then the script tools in skill and tool-name order.</summary>
    public IReadOnlyList<ITool> Tools { get; }

    /// <summary>Tools not registered and why (no script, not granted by the profile, not requested by the skill).</summary>
    public IReadOnlyList<SkillDiagnostic> Diagnostics { get; }

    /// <exception cref="ArgumentException">The sandbox does not bind a skill's folder read-only (see <see cref="ReadOnlyPathsFor"/>).</exception>
    public static SkillToolset Create(SkillCatalog catalog, ISandbox sandbox, SkillToolsetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(sandbox);
        options ??= new SkillToolsetOptions();
        if (catalog.Skills.Count == 0)
        {
            return new SkillToolset(string.Empty, [], []);
        }

        var tools = new List<ITool> { catalog.CreateActivateSkillTool() };
        var diagnostics = new List<SkillDiagnostic>();
        var profile = options.Profile ?? new ToolProfile("all skill tools", catalog.Skills.SelectMany(s => s.Contracts).Select(c => c.ToolName));
        foreach (var skill in catalog.Skills)
        {
            var file = Path.Combine(skill.Directory, SkillParser.FileName);
            var granted = AllowedToolsPolicy.Narrow(skill, profile);
            if (options.Profile is not null)
            {
                // Without a real profile, denials of tools outside the skills (read_file, shell) would only be noise.
                diagnostics.AddRange(granted.Diagnostics);
            }

            foreach (var contract in skill.Contracts)
            {
                if (contract.Script is null)
                {
                    diagnostics.Add(Warning(SkillRules.ContractScript, $"The tool '{contract.ToolName}' of skill '{skill.Name}' has no script: not registered.", file));
                    continue;
                }

                if (!granted.Tools.Contains(contract.ToolName))
                {
                    if (options.Profile is not null && granted.Denied.Contains(contract.ToolName))
                    {
                        continue; // the skill asked for it and Narrow already reported the denial
                    }

                    var why = !profile.Tools.Contains(contract.ToolName)
                        ? $"the profile '{profile.Name}' does not grant it"
                        : "the skill's allowed-tools does not name it";
                    diagnostics.Add(Warning(SkillRules.AllowedToolsDenied, $"The tool '{contract.ToolName}' of skill '{skill.Name}' is not registered: {why}.", file));
                    continue;
                }

                tools.Add(new SkillScriptTool(skill, contract, sandbox, options.Logger));
            }
        }

        return new SkillToolset(catalog.CatalogText, tools, diagnostics);
    }

    /// <summary>Adds every tool to <paramref name="registry"/> (which refuses a name registered twice).</summary>
    public ToolRegistry Register(ToolRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var tool in Tools)
        {
            registry.Add(tool);
        }

        return registry;
    }

    /// <summary>
    /// The folders a sandbox for these skills must list in <see cref="SandboxOptions.ReadOnlyPaths"/>: where each
    /// skill's scripts really are (links resolved). Under bubblewrap the bind makes them visible wherever they are
    /// (<c>/tmp</c> is private otherwise) and read-only even inside the workspace.
    /// </summary>
    public static IReadOnlyList<string> ReadOnlyPathsFor(SkillCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return ReadOnlyPathsFor(catalog.Skills);
    }

    /// <summary>The same for one contract of a skill (the contract test runner's sandbox, one per example).</summary>
    internal static IReadOnlyList<string> ReadOnlyPathsFor(Skill skill, SkillContract contract)
    {
        var paths = new List<string>();
        Add(paths, skill, contract);
        return paths;
    }

    private static IReadOnlyList<string> ReadOnlyPathsFor(IEnumerable<Skill> skills)
    {
        var paths = new List<string>();
        foreach (var skill in skills)
        {
            foreach (var contract in skill.Contracts)
            {
                Add(paths, skill, contract);
            }
        }

        return paths;
    }

    /// <summary>The skill's real folder, or the script's own folder when a link inside the trusted root leads elsewhere.</summary>
    private static void Add(List<string> paths, Skill skill, SkillContract contract)
    {
        if (contract.Script is null || !skill.BundleFiles.TryGetValue(contract.Script, out var script) || paths.Any(p => TrustedPaths.IsUnder(script.FullPath, p)))
        {
            return;
        }

        var real = TrustedPaths.RealPath(skill.Directory);
        paths.Add(TrustedPaths.IsUnder(script.FullPath, real) ? real : Path.GetDirectoryName(script.FullPath)!);
    }

    private static SkillDiagnostic Warning(string rule, string message, string file) =>
        new(SkillDiagnosticSeverity.Warning, rule, message, file);
}
