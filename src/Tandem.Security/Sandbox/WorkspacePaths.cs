namespace Tandem.Security.Sandbox;

/// <summary>
/// Resolves paths the way the kernel will when the process opens them: component by component, following symlinks,
/// with <c>..</c> applied to the already-resolved prefix. A lexical check alone would let <c>link/../..</c> or a symlink
/// to <c>/etc</c> inside the workspace through.
/// </summary>
internal static class WorkspacePaths
{
    // The kernel's own limit (ELOOP after 40 links).
    private const int MaxSymlinks = 40;

    /// <summary>The canonical form of an absolute path. Components that do not exist are kept as written.</summary>
    public static string Canonicalize(string absolutePath)
    {
        if (!Path.IsPathRooted(absolutePath))
        {
            throw new ArgumentException("An absolute path is required.", nameof(absolutePath));
        }

        var remaining = new Stack<string>();
        Push(remaining, absolutePath);
        var resolved = new List<string>();
        var links = 0;
        while (remaining.Count > 0)
        {
            var part = remaining.Pop();
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var candidate = "/" + string.Join('/', resolved.Append(part));
            var target = LinkTarget(candidate);
            if (target is null)
            {
                resolved.Add(part);
                continue;
            }

            if (++links > MaxSymlinks)
            {
                throw new SandboxRefusedException($"Too many levels of symbolic links in '{absolutePath}'.", absolutePath);
            }

            if (Path.IsPathRooted(target))
            {
                resolved.Clear();
            }

            Push(remaining, target);
        }

        return "/" + string.Join('/', resolved);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or below it (both canonical).</summary>
    public static bool IsInside(string path, string root) =>
        string.Equals(path, root, StringComparison.Ordinal)
        || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    private static void Push(Stack<string> remaining, string path)
    {
        var parts = path.Split('/');
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            remaining.Push(parts[i]);
        }
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            // Not readable by us, so not followable by the child either: treat as a plain component.
            return null;
        }
    }
}
