namespace Tandem.Skills;

/// <summary>
/// Real paths (every symbolic link resolved, like POSIX <c>realpath</c>) and containment checks: a
/// trusted root is trusted by where its files really are, not by the path that names them.
/// </summary>
internal static class TrustedPaths
{
    /// <summary>The same limit Linux puts on links followed in one lookup (ELOOP).</summary>
    private const int MaxLinkHops = 40;

    /// <summary>Paths compare by case where the usual file system is case-sensitive.</summary>
    public static StringComparison Comparison { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static readonly char[] Separators = Path.DirectorySeparatorChar == Path.AltDirectorySeparatorChar
        ? [Path.DirectorySeparatorChar]
        : [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    /// <summary>
    /// <paramref name="path"/> with every link resolved, component by component (so a <c>..</c> after a
    /// link climbs from the link's target, as the kernel does). Components that do not exist are kept as they are.
    /// </summary>
    /// <exception cref="IOException">A link chain is longer than 40 hops (a loop).</exception>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        var pending = new Queue<string>(full[current.Length..].Split(Separators, StringSplitOptions.RemoveEmptyEntries));
        var hops = 0;
        while (pending.TryDequeue(out var segment))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var candidate = Path.Join(current, segment);
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                current = candidate;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new IOException($"Too many levels of symbolic links at '{candidate}'.");
            }

            // Resolve the target's own components first, then whatever was left of the original path.
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(Path.GetFullPath(target))!;
                target = target[Path.GetPathRoot(target)!.Length..];
            }

            var rest = pending.ToArray();
            pending.Clear();
            foreach (var s in target.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Concat(rest))
            {
                pending.Enqueue(s);
            }
        }

        return current;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or inside it (both real, full paths).</summary>
    public static bool IsUnder(string path, string root)
    {
        var trimmedRoot = Path.TrimEndingDirectorySeparator(root);
        var trimmedPath = Path.TrimEndingDirectorySeparator(path);
        if (string.Equals(trimmedPath, trimmedRoot, Comparison))
        {
            return true;
        }

        // The root of a drive ("/") ends with its separator already.
        var prefix = trimmedRoot.EndsWith(Path.DirectorySeparatorChar) ? trimmedRoot : trimmedRoot + Path.DirectorySeparatorChar;
        return trimmedPath.StartsWith(prefix, Comparison);
    }
}
