namespace Tandem.Skills;

/// <summary>
/// The files of one skill folder as read once: their hashes, the bundle hash, and the bytes of the
/// files the loader parses (<c>SKILL.md</c>, contracts). Parsing those bytes, rather than reading the
/// files again, means what was hashed is exactly what is served.
/// </summary>
internal sealed class SkillBundle
{
    public required string Sha256 { get; init; }

    public required IReadOnlyList<BundleFile> Files { get; init; }

    public required IReadOnlyDictionary<string, byte[]> Contents { get; init; }
}
