namespace Tandem.Skills;

/// <summary>One file of a skill bundle: its path inside the skill (<c>/</c>-separated), where it really is, and its SHA-256.</summary>
internal sealed record BundleFile(string RelativePath, string FullPath, long Length, string Sha256);
