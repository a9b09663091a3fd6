using System.Security.Cryptography;

namespace Tandem.Skills.Testing;

/// <summary>
/// A fresh workspace for one contract example, seeded with the example's <c>workspace</c> files and deleted
/// afterwards. Its snapshot lists every entry (hidden ones included): a file by the SHA-256 of its bytes, a folder,
/// a link by its target, so a repeat that changes one byte, adds an empty folder or touches nothing shows as such.
/// </summary>
internal sealed class ExampleWorkspace : IDisposable
{
    private static readonly EnumerationOptions Everything = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    private ExampleWorkspace(string path) => Path = path;

    public string Path { get; }

    public static ExampleWorkspace Create(IReadOnlyDictionary<string, string> files)
    {
        var workspace = new ExampleWorkspace(Directory.CreateTempSubdirectory("tandem-contract-").FullName);
        try
        {
            foreach (var (relative, text) in files)
            {
                // The loader only accepts relative paths without '..'; the check here keeps this class safe on its own.
                var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(workspace.Path, relative));
                if (!full.StartsWith(workspace.Path + "/", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"The workspace file '{relative}' is outside the workspace.", nameof(files));
                }

                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text);
            }

            return workspace;
        }
        catch
        {
            workspace.Dispose();
            throw;
        }
    }

    /// <summary>Relative path → what is there (<c>file SHA256</c>, <c>folder</c>, <c>link TARGET</c>), in ordinal order.</summary>
    public SortedDictionary<string, string> Snapshot()
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(Path)]);
        while (pending.TryPop(out var folder))
        {
            foreach (var entry in folder.EnumerateFileSystemInfos("*", Everything))
            {
                var relative = System.IO.Path.GetRelativePath(Path, entry.FullName).Replace('\\', '/');
                if (entry.LinkTarget is { } target)
                {
                    // Not followed: a link the script made could point anywhere, and it is the link that changed.
                    entries[relative] = "link " + target;
                }
                else if (entry is DirectoryInfo directory)
                {
                    entries[relative] = "folder";
                    pending.Push(directory);
                }
                else
                {
                    entries[relative] = "file " + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(entry.FullName)));
                }
            }
        }

        return entries;
    }

    /// <summary>The first difference between two snapshots ("PATH was added", "... removed", "... changed"), or null.</summary>
    public static string? Difference(SortedDictionary<string, string> before, SortedDictionary<string, string> after)
    {
        foreach (var (path, state) in before)
        {
            if (!after.TryGetValue(path, out var now))
            {
                return $"{path} was removed";
            }

            if (now != state)
            {
                return $"{path} changed";
            }
        }

        return after.Keys.FirstOrDefault(k => !before.ContainsKey(k)) is { } added ? $"{added} was added" : null;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // A script removed its own permissions on something inside; leave it to the temp cleaner.
        }
    }
}
