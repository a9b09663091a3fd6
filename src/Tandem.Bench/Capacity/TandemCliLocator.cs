namespace Tandem.Bench.Capacity;

/// <summary>Finds <c>tandem.dll</c> (the CLI, whose <c>serve</c> command runs the server) for the child process.</summary>
internal static class TandemCliLocator
{
    private const string FileName = "tandem.dll";

    /// <summary>The newest <c>tandem.dll</c> found, and every place looked at (for the error message).</summary>
    public static string? Find(string? explicitPath, out List<string> searched)
    {
        searched = [];
        if (explicitPath is not null)
        {
            searched.Add(explicitPath);
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        }

        // Running as `tandem bench server`: the CLI is this very application.
        var beside = Path.Combine(AppContext.BaseDirectory, FileName);
        searched.Add(beside);
        if (File.Exists(beside))
        {
            return beside;
        }

        var candidates = new List<string>();

        // An artifacts layout (--artifacts-path X): X/bin/<Project>/<config>/ → X/bin/Tandem.Cli/*/.
        var configDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        if (configDir.Parent?.Parent is { } binDir)
        {
            var cliBin = Path.Combine(binDir.FullName, "Tandem.Cli");
            searched.Add(cliBin);
            if (Directory.Exists(cliBin))
            {
                candidates.AddRange(Directory.EnumerateFiles(cliBin, FileName, SearchOption.AllDirectories));
            }
        }

        // The repository's default output: src/Tandem.Cli/bin/<config>/<tfm>/.
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var cliProject = Path.Combine(dir.FullName, "src", "Tandem.Cli");
                if (!Directory.Exists(cliProject))
                {
                    continue;
                }

                var bin = Path.Combine(cliProject, "bin");
                searched.Add(bin);
                if (Directory.Exists(bin))
                {
                    candidates.AddRange(Directory.EnumerateFiles(bin, FileName, SearchOption.AllDirectories));
                }

                break;
            }
        }

        // Prefer Release (the figures are about speed), then the newest build.
        return candidates
            .Where(p => File.Exists(Path.ChangeExtension(p, ".runtimeconfig.json")))
            .OrderByDescending(p => p.Contains("release", StringComparison.OrdinalIgnoreCase))
            .ThenByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
    }
}
