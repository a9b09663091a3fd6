using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Tandem.Security.Secrets;

/// <summary>
/// Secrets from a file kept outside the repository, read once when constructed:
/// <code>
/// # comment
/// OPENAI_API_KEY=sk-...
/// export OTHER_KEY="value with spaces"
/// </code>
/// One <c>NAME=value</c> per line (an <c>export </c> prefix and one pair of matching quotes around the
/// value are allowed; the value is otherwise taken verbatim after trimming). The file is refused, with a
/// <see cref="SecretFileException"/> naming it, when it is missing, lies inside a git work tree (a
/// secret next to source code is one <c>git add</c> away from being published; symbolic links are
/// resolved first), grants any access to group or others on Unix, or has a line that is not
/// <c>NAME=value</c> (the error gives the line number, never its content).
/// </summary>
public sealed class FileSecretProvider : ISecretProvider
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly Dictionary<string, string> _values;

    public FileSecretProvider(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = Path.GetFullPath(path);
        if (!File.Exists(FilePath))
        {
            throw new SecretFileException(FilePath, $"Secrets file {FilePath} does not exist.");
        }

        var real = RealPath(FilePath, depth: 0);
        var workTree = WorkTreeOf(FilePath) ?? WorkTreeOf(real);
        if (workTree is not null)
        {
            throw new SecretFileException(FilePath, $"Secrets file {FilePath} is inside the git work tree {workTree}; keep secrets outside every repository (for example in ~/.config/tandem/secrets, mode 600).");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(real);
            if ((mode & GroupOrOther) != 0)
            {
                var octal = Convert.ToString((int)mode & 0x1FF, 8);
                throw new SecretFileException(FilePath, $"Secrets file {FilePath} is accessible by group or others (mode {octal}); restrict it with: chmod 600 {FilePath}");
            }
        }

        _values = Parse(FilePath, File.ReadAllLines(real));
    }

    /// <summary>The file, as given (full path).</summary>
    public string FilePath { get; }

    public IEnumerable<string> Names => _values.Keys;

    public bool TryGet(string name, [NotNullWhen(true)] out string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _values.TryGetValue(name, out value);
    }

    public string Describe(string name) => $"{name}=... in the secrets file {FilePath}";

    /// <summary>The root of the git work tree containing <paramref name="path"/>, or null.</summary>
    internal static string? WorkTreeOf(string path)
    {
        // A ".git" directory (ordinary clone) or file (worktree, submodule) marks a work tree's root.
        for (var dir = Path.GetDirectoryName(path); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var marker = Path.Combine(dir, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
            {
                return dir;
            }
        }

        return null;
    }

    /// <summary>The path with every symbolic link along it resolved (what <c>realpath</c> returns).</summary>
    internal static string RealPath(string path, int depth)
    {
        var full = Path.GetFullPath(path);
        if (depth > 32)
        {
            return full;
        }

        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is null)
            {
                current = next;
                continue;
            }

            // A link's target may itself run through links: resolve it the same way.
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            current = target is null ? next : RealPath(target.FullName, depth + 1);
        }

        return current;
    }

    private static Dictionary<string, string> Parse(string path, string[] lines)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var seenAt = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..].TrimStart();
            }

            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? line[..equals].Trim() : "";
            if (!IsName(name))
            {
                throw new SecretFileException(path, $"Line {number} of the secrets file {path} is not NAME=value (NAME: letters, digits and _).");
            }

            if (seenAt.TryGetValue(name, out var first))
            {
                throw new SecretFileException(path, $"{name} is defined twice in the secrets file {path} (lines {first.ToString(CultureInfo.InvariantCulture)} and {number}).");
            }

            seenAt[name] = i + 1;
            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            if (value.Length > 0)
            {
                values[name] = value;
            }
        }

        return values;
    }

    private static bool IsName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.AsSpan().IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") < 0;
}
