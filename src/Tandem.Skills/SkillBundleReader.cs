using System.Buffers;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace Tandem.Skills;

/// <summary>
/// Lists and hashes every file of a skill folder. The bundle SHA-256 is defined as:
/// <list type="number">
/// <item>every regular file under the skill folder, recursively, hidden files included; a symbolic
/// link is followed when its target stays inside the trusted root and is listed under the link's
/// own path (a link that leaves the root, dangles or loops refuses the whole skill);</item>
/// <item>each file named by its path relative to the skill folder with <c>/</c> separators, the
/// list sorted by the UTF-8 bytes of those paths;</item>
/// <item>a manifest of one line per file, <c>HEX(SHA-256(content)) + "  " + path + "\n"</c>
/// (lowercase hex: exactly the output of <c>sha256sum</c>);</item>
/// <item>the bundle SHA-256 is the lowercase hex SHA-256 of the manifest's UTF-8 bytes.</item>
/// </list>
/// So any changed byte, added, removed or renamed file changes it, and it can be checked by hand:
/// <c>cd SKILL &amp;&amp; find -L . -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum</c>.
/// File names with control characters or backslashes are refused, so every manifest line is unambiguous.
/// </summary>
internal static class SkillBundleReader
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Reads the bundle of <paramref name="skillDirectory"/> (a real path inside <paramref name="trustRoot"/>), or null after an error diagnostic.</summary>
    /// <param name="retain">Which relative paths to keep the bytes of.</param>
    public static async Task<SkillBundle?> ReadAsync(
        string skillDirectory,
        string trustRoot,
        SkillsOptions options,
        Func<string, bool> retain,
        List<SkillDiagnostic> diagnostics,
        CancellationToken cancellationToken)
    {
        var listed = List(skillDirectory, trustRoot, options, diagnostics, cancellationToken);
        if (listed is null)
        {
            return null;
        }

        listed.Sort((a, b) => CompareUtf8(a.Relative, b.Relative));
        var files = new List<BundleFile>(listed.Count);
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var manifest = new StringBuilder();
        long total = 0;
        foreach (var (relative, full) in listed)
        {
            var keep = retain(relative);
            var (hash, length, bytes) = await HashFileAsync(full, keep, options.MaxBytesPerSkill - total, cancellationToken).ConfigureAwait(false);
            if (hash is null)
            {
                diagnostics.Add(Error(SkillRules.Bundle, $"The skill is larger than {options.MaxBytesPerSkill} bytes.", full));
                return null;
            }

            total += length;
            files.Add(new BundleFile(relative, full, length, hash));
            if (bytes is not null)
            {
                contents[relative] = bytes;
            }

            manifest.Append(hash).Append("  ").Append(relative).Append('\n');
        }

        return new SkillBundle
        {
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToString()))),
            Files = files,
            Contents = contents,
        };
    }

    private static List<(string Relative, string Full)>? List(
        string skillDirectory,
        string trustRoot,
        SkillsOptions options,
        List<SkillDiagnostic> diagnostics,
        CancellationToken cancellationToken)
    {
        var files = new List<(string Relative, string Full)>();
        var comparer = StringComparer.FromComparison(TrustedPaths.Comparison);

        // Each folder carries the real paths of the folders above it: a link back to one of them is a
        // loop. A link to a sibling folder is not; its files are simply listed (and hashed) twice.
        var pending = new Stack<(string Relative, string Directory, ImmutableStack<string> Above)>();
        pending.Push((string.Empty, skillDirectory, ImmutableStack.Create(skillDirectory)));
        while (pending.TryPop(out var folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var entry in new DirectoryInfo(folder.Directory).EnumerateFileSystemInfos("*", OneLevel))
            {
                var relative = folder.Relative + entry.Name;
                if (entry.Name.Any(c => char.IsControl(c) || c == '\\'))
                {
                    diagnostics.Add(Error(SkillRules.Bundle, "A file name with a control character or a backslash cannot be hashed unambiguously; rename it.", entry.FullName));
                    return null;
                }

                var real = entry.FullName;
                var isDirectory = entry is DirectoryInfo;
                if (entry.LinkTarget is { } target)
                {
                    if (ResolveLink(entry.FullName, target, trustRoot, diagnostics) is not { } resolved)
                    {
                        return null;
                    }

                    (real, isDirectory) = resolved;
                }

                if (isDirectory)
                {
                    if (folder.Above.Contains(real, comparer))
                    {
                        diagnostics.Add(Error(SkillRules.SymbolicLink, $"A symbolic link loops back to '{real}'.", entry.FullName));
                        return null;
                    }

                    pending.Push((relative + "/", real, folder.Above.Push(real)));
                    continue;
                }

                files.Add((relative, real));
                if (files.Count > options.MaxFilesPerSkill)
                {
                    diagnostics.Add(Error(SkillRules.Bundle, $"The skill has more than {options.MaxFilesPerSkill} files.", skillDirectory));
                    return null;
                }
            }
        }

        return files;
    }

    private static (string Real, bool IsDirectory)? ResolveLink(string link, string target, string trustRoot, List<SkillDiagnostic> diagnostics)
    {
        string real;
        try
        {
            real = TrustedPaths.RealPath(link);
        }
        catch (IOException ex)
        {
            diagnostics.Add(Error(SkillRules.SymbolicLink, ex.Message, link));
            return null;
        }

        if (!TrustedPaths.IsUnder(real, trustRoot))
        {
            diagnostics.Add(Error(SkillRules.SymbolicLink, $"The symbolic link points to '{target}', outside the trusted root '{trustRoot}'; the skill is refused.", link));
            return null;
        }

        if (Directory.Exists(real))
        {
            return (real, true);
        }

        if (File.Exists(real))
        {
            return (real, false);
        }

        diagnostics.Add(Error(SkillRules.SymbolicLink, $"The symbolic link points to '{target}', which does not exist.", link));
        return null;
    }

    /// <summary>The file's hex SHA-256 and length, and its bytes when kept; a null hash when it exceeds <paramref name="budget"/>.</summary>
    private static async Task<(string? Hash, long Length, byte[]? Bytes)> HashFileAsync(string path, bool keep, long budget, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var kept = keep ? new MemoryStream() : null;
            var buffer = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                long length = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length > budget)
                    {
                        return (null, length, null);
                    }

                    hash.AppendData(buffer, 0, read);
                    kept?.Write(buffer, 0, read);
                }

                return (Convert.ToHexStringLower(hash.GetHashAndReset()), length, kept?.ToArray());
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Orders paths by their UTF-8 bytes, as <c>LC_ALL=C sort</c> does (UTF-16 order differs above U+FFFF).</summary>
    private static int CompareUtf8(string a, string b)
    {
        var x = Encoding.UTF8.GetBytes(a);
        var y = Encoding.UTF8.GetBytes(b);
        return x.AsSpan().SequenceCompareTo(y);
    }

    private static SkillDiagnostic Error(string rule, string message, string file) =>
        new(SkillDiagnosticSeverity.Error, rule, message, file);
}
