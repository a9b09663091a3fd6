using Tandem.Security.Sandbox;

namespace Tandem.Skills.Tests.Support;

/// <summary>What the script tests need: python3 (or a skip), sandboxes per isolation mode, skills loaded from a folder.</summary>
internal static class ScriptSkills
{
    /// <summary>Skips the test when python3 is not on PATH: every example script is Python.</summary>
    public static void RequirePython()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Where(Path.IsPathRooted)
            .Select(dir => Path.Combine(dir, "python3"))
            .Any(File.Exists);
        if (!found)
        {
            Assert.Skip("python3 is not installed (the skill scripts are Python).");
        }
    }

    /// <summary>A sandbox for <paramref name="workspace"/> binding <paramref name="readOnly"/>; skips when bubblewrap is asked for and does not work here.</summary>
    public static ISandbox Sandbox(string workspace, IsolationMode isolation, IReadOnlyList<string> readOnly, SandboxLimits? limits = null)
    {
        if (isolation == IsolationMode.Bubblewrap && !Sandboxes.Capabilities.BubblewrapWorks)
        {
            Assert.Skip("bubblewrap " + Sandboxes.Capabilities.BubblewrapStatus);
        }

        return Sandboxes.Create(new SandboxOptions
        {
            WorkspaceRoot = workspace,
            Isolation = isolation,
            ReadOnlyPaths = readOnly,
            Limits = limits ?? new SandboxLimits(),
        });
    }

    /// <summary>The skills of one trusted root, as the runtime loads them.</summary>
    public static Task<SkillCatalog> LoadAsync(string root)
    {
        var options = new SkillsOptions();
        options.TrustedRoots.Add(root);
        return new SkillLoader(options).LoadAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Copies a folder tree (the repository's skills/, to break one file of the copy).</summary>
    public static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
