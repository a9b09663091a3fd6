namespace Tandem.Skills;

/// <summary>A parsed <c>SKILL.md</c>: the front-matter fields of the Agent Skills format and the Markdown body.</summary>
public sealed class SkillDocument
{
    /// <summary>1–64 characters of <c>a-z</c>, <c>0-9</c> and single hyphens; the name of the skill's folder.</summary>
    public required string Name { get; init; }

    /// <summary>What the skill does and when to use it (1–1024 characters): all the model sees before activation.</summary>
    public required string Description { get; init; }

    public string? License { get; init; }

    /// <summary>Environment requirements (1–500 characters), when the skill has any.</summary>
    public string? Compatibility { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The tools the skill asks for, or <see langword="null"/> when it does not say. A request, never a
    /// grant: <see cref="AllowedToolsPolicy"/> can only narrow the deployment's tools with it.
    /// </summary>
    public IReadOnlyList<string>? AllowedTools { get; init; }

    /// <summary>The Markdown instructions after the front matter, trimmed.</summary>
    public required string Body { get; init; }
}
