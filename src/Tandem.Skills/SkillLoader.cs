using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tandem.Skills;

/// <summary>
/// Builds the <see cref="SkillCatalog"/> from <see cref="SkillsOptions.TrustedRoots"/> only (checklist
/// S7): each sub-folder of a root with a <c>SKILL.md</c> is read in lenient mode, hashed, and loaded
/// when it has no error. A folder or file that leads out of its root through a link is refused.
/// </summary>
public sealed class SkillLoader
{
    private readonly SkillsOptions _options;
    private readonly ILogger _logger;

    /// <exception cref="ArgumentException">A trusted root is not an absolute path.</exception>
    public SkillLoader(SkillsOptions options, ILogger<SkillLoader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var root in options.TrustedRoots)
        {
            // A relative root would mean a different folder for every working directory.
            if (string.IsNullOrWhiteSpace(root) || !Path.IsPathFullyQualified(root))
            {
                throw new ArgumentException($"Trusted skill roots must be absolute paths: '{root}'.", nameof(options));
            }
        }

        _options = options;
        _logger = logger ?? NullLogger<SkillLoader>.Instance;
    }

    public async Task<SkillCatalog> LoadAsync(CancellationToken cancellationToken)
    {
        var diagnostics = new List<SkillDiagnostic>();
        var skills = new Dictionary<string, Skill>(StringComparer.Ordinal);
        var toolOwners = new Dictionary<string, string>(StringComparer.Ordinal) { [ActivateSkillTool.ToolName] = "Tandem" };
        foreach (var root in _options.TrustedRoots)
        {
            if (ResolveRoot(root, diagnostics) is not { } realRoot)
            {
                continue;
            }

            foreach (var folder in Folders(root, diagnostics))
            {
                var own = new List<SkillDiagnostic>();
                var (found, skill) = await SkillReader.ReadAsync(folder, realRoot, root, strict: false, _options, own, cancellationToken).ConfigureAwait(false);
                if (found && skill is not null)
                {
                    skill = Admit(skill, skills, toolOwners, own);
                }

                diagnostics.AddRange(own);
                if (skill is not null)
                {
                    skills.Add(skill.Name, skill);
                    SkillsLog.Loaded(_logger, skill.Name, skill.Directory, skill.BundleSha256);
                }
                else if (found)
                {
                    SkillsLog.Refused(_logger, folder, own.FirstOrDefault(d => d.IsError)?.ToString() ?? "invalid");
                }
            }
        }

        return new SkillCatalog(skills.Values, diagnostics);
    }

    /// <summary>The skill, or null when an earlier root already has its name or one of its tools.</summary>
    private static Skill? Admit(Skill skill, Dictionary<string, Skill> skills, Dictionary<string, string> toolOwners, List<SkillDiagnostic> diagnostics)
    {
        var file = Path.Combine(skill.Directory, SkillParser.FileName);
        if (skills.TryGetValue(skill.Name, out var earlier))
        {
            diagnostics.Add(new SkillDiagnostic(
                SkillDiagnosticSeverity.Warning, SkillRules.DuplicateName, $"A skill named '{skill.Name}' is already loaded from {earlier.Directory}; this one is ignored (earlier roots win).", file));
            return null;
        }

        // Tool names share one registry with every other tool: a clash would make one of them unreachable.
        foreach (var contract in skill.Contracts)
        {
            if (toolOwners.TryGetValue(contract.ToolName, out var owner))
            {
                diagnostics.Add(new SkillDiagnostic(
                    SkillDiagnosticSeverity.Error, SkillRules.ContractLayout, $"The tool '{contract.ToolName}' is already defined by {owner}; the skill is refused.", file));
                return null;
            }
        }

        foreach (var contract in skill.Contracts)
        {
            toolOwners[contract.ToolName] = $"the skill '{skill.Name}'";
        }

        return skill;
    }

    private List<string> Folders(string root, List<SkillDiagnostic> diagnostics)
    {
        try
        {
            return Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new SkillDiagnostic(SkillDiagnosticSeverity.Warning, SkillRules.TrustedRoot, ex.Message, root));
            SkillsLog.RootUnusable(_logger, root, ex.Message);
            return [];
        }
    }

    private string? ResolveRoot(string root, List<SkillDiagnostic> diagnostics)
    {
        try
        {
            var real = TrustedPaths.RealPath(root);
            if (Directory.Exists(real))
            {
                return real;
            }

            diagnostics.Add(new SkillDiagnostic(SkillDiagnosticSeverity.Warning, SkillRules.TrustedRoot, "The trusted skills root does not exist; no skills are loaded from it.", root));
            SkillsLog.RootUnusable(_logger, root, "it does not exist");
        }
        catch (IOException ex)
        {
            diagnostics.Add(new SkillDiagnostic(SkillDiagnosticSeverity.Warning, SkillRules.TrustedRoot, ex.Message, root));
            SkillsLog.RootUnusable(_logger, root, ex.Message);
        }

        return null;
    }
}
