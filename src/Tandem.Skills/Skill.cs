using Tandem.Skills.Contracts;

namespace Tandem.Skills;

/// <summary>A skill that passed validation and was loaded from a trusted root, with the SHA-256 of everything it ships.</summary>
public sealed class Skill
{
    internal Skill(SkillDocument document, string directory, string trustedRoot, SkillBundle bundle, IReadOnlyList<SkillContract> contracts, IReadOnlyList<SkillDiagnostic> diagnostics)
    {
        Document = document;
        Directory = directory;
        TrustedRoot = trustedRoot;
        BundleSha256 = bundle.Sha256;
        Files = bundle.Files.Select(f => f.RelativePath).ToList();
        BundleFiles = bundle.Files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        Resources = Files.Where(f => f != SkillParser.FileName).ToList();
        Contracts = contracts;
        Diagnostics = diagnostics;
    }

    public string Name => Document.Name;

    public string Description => Document.Description;

    public SkillDocument Document { get; }

    /// <summary>The skill's folder, as found under its trusted root.</summary>
    public string Directory { get; }

    /// <summary>The trusted root it was loaded from, as configured.</summary>
    public string TrustedRoot { get; }

    /// <summary>
    /// Lowercase hex SHA-256 over every file of the folder: the SHA-256 of a manifest of
    /// <c>sha256(content) + "  " + relative/path + "\n"</c> lines sorted by path (see docs/skills.md).
    /// </summary>
    public string BundleSha256 { get; }

    /// <summary>Every file of the skill, relative to its folder with <c>/</c> separators, in hashing order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>
    /// Each file as hashed at load (real path and SHA-256), by relative path: a script tool checks its script against
    /// it before every run, so a script edited after loading is not run under the hash that was recorded.
    /// </summary>
    internal IReadOnlyDictionary<string, BundleFile> BundleFiles { get; }

    /// <summary>The files besides <c>SKILL.md</c>: what the model may load after activating the skill.</summary>
    public IReadOnlyList<string> Resources { get; }

    /// <summary>The typed tool contracts that passed every check.</summary>
    public IReadOnlyList<SkillContract> Contracts { get; }

    /// <summary>Warnings from loading (and errors of contracts that were left out).</summary>
    public IReadOnlyList<SkillDiagnostic> Diagnostics { get; }
}
