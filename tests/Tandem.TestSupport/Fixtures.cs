namespace Tandem.TestSupport;

/// <summary>Locates the repository's own test data (tests/fixtures), wherever the tests run from.</summary>
public static class Fixtures
{
    public static string Root { get; } = FindRoot();

    public static string Recorded => Path.Combine(Root, "tests", "fixtures", "recorded");

    public static string Scenarios => Path.Combine(Root, "scenarios");

    public static string RecordedFile(string folder, string file) => Path.Combine(Recorded, folder, file);

    private static string FindRoot()
    {
        var fromBuild = System.Reflection.Assembly.GetExecutingAssembly()
            .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TandemRepositoryRoot")?.Value;
        if (fromBuild is not null && File.Exists(Path.Combine(fromBuild, "Tandem.slnx")))
        {
            return fromBuild;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tandem.slnx")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        throw new InvalidOperationException("Tandem.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The <c>data:</c> payloads of an SSE file, in order.</summary>
    public static IEnumerable<string> SseData(string path) =>
        File.ReadLines(path).Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].TrimStart());
}
