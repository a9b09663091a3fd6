using System.Reflection;

namespace Tandem.Benchmarks.Infrastructure;

/// <summary>
/// Locates the repository (scenarios/, tests/fixtures/). BenchmarkDotNet runs each benchmark from a
/// generated project in a temporary folder, so the path is baked in at build time rather than
/// derived from the working directory.
/// </summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Scenarios => Path.Combine(Root, "scenarios");

    public static string Recorded => Path.Combine(Root, "tests", "fixtures", "recorded");

    private static string FindRoot()
    {
        var fromBuild = typeof(RepositoryPaths).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TandemRepositoryRoot")?.Value;
        if (fromBuild is not null && File.Exists(Path.Combine(fromBuild, "Tandem.slnx")))
        {
            return fromBuild;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tandem.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tandem.slnx not found above " + AppContext.BaseDirectory);
    }
}
