using System.Text.Json.Nodes;
using Tandem.Cli.Tests.Support;
using Tandem.TestSupport;

namespace Tandem.Cli.Tests.Commands;

/// <summary><c>tandem skills test</c> and <c>tandem skills validate</c>, run as the real command from the repository root.</summary>
public sealed class SkillsCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("tandem-skills-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static string RepositorySkills => Path.Combine(Fixtures.Root, "skills");

    /// <summary>Every example name of a skills folder (contracts/examples/TOOL/NAME.json).</summary>
    private static List<string> ExampleNames(string root) =>
        Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f))) == "examples")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(n => n!)
            .ToList();

    private static void RequirePython()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Where(Path.IsPathRooted)
            .Any(dir => File.Exists(Path.Combine(dir, "python3")));
        if (!found)
        {
            Assert.Skip("python3 is not installed (the skill scripts are Python).");
        }
    }

    private string CopySkills()
    {
        var copy = Path.Combine(_dir.FullName, "skills");
        foreach (var file in Directory.EnumerateFiles(RepositorySkills, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(RepositorySkills, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    [Fact]
    public async Task Test_RepositorySkills_ExitsZeroListingEveryExampleAndTheSandboxMode()
    {
        RequirePython();

        var (exit, stdout, stderr) = await TandemProcess.RunAsync("skills", "test", "skills");

        Assert.True(exit == 0, stdout + stderr);
        var examples = ExampleNames(RepositorySkills);
        Assert.NotEmpty(examples);
        Assert.All(examples, name => Assert.Contains(name, stdout, StringComparison.Ordinal));
        Assert.Matches(@"(?m)^sandbox: (bubblewrap|subprocess), ", stdout);
        Assert.Contains($"{examples.Count} passed, 0 failed", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_CopyWithOneExampleOutputBroken_ExitsOneNamingTheExampleAndTheSchemaPath()
    {
        RequirePython();
        var copy = CopySkills();
        var broken = Path.Combine(copy, "repo-search", "contracts", "examples", "search_files", "definitions-in-python-files.json");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(broken, TestContext.Current.CancellationToken))!;
        json["output"]!["matches"]![0]!.AsObject().Remove("line");
        await File.WriteAllTextAsync(broken, json.ToJsonString(), TestContext.Current.CancellationToken);

        var (exit, stdout, _) = await TandemProcess.RunAsync("skills", "test", copy);

        Assert.Equal(1, exit);
        var failure = Assert.Single(stdout.Split('\n'), l => l.StartsWith("FAIL ", StringComparison.Ordinal));
        Assert.StartsWith("FAIL repo-search/search_files/definitions-in-python-files: contracts/examples/search_files/definitions-in-python-files.json: ", failure, StringComparison.Ordinal);
        Assert.Contains("schema path /properties/matches/items/required", failure, StringComparison.Ordinal);
        Assert.Contains($"{ExampleNames(copy).Count - 1} passed, 1 failed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_BadArguments_ExitTwo()
    {
        var (exit, _, stderr) = await TandemProcess.RunAsync("skills", "test", Path.Combine(_dir.FullName, "nope"));
        Assert.Equal(2, exit);
        Assert.Contains("no such folder", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = await TandemProcess.RunAsync("skills", "test", _dir.FullName);
        Assert.Equal(2, exit);
        Assert.Contains("no skills", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = await TandemProcess.RunAsync("skills", "test", "skills", "--isolation", "chroot");
        Assert.Equal(2, exit);
        Assert.Contains("--isolation", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = await TandemProcess.RunAsync("skills", "test", "skills", "extra");
        Assert.Equal(2, exit);
        Assert.Contains("extra", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_RepositorySkills_ExitsZero()
    {
        var (exit, stdout, stderr) = await TandemProcess.RunAsync("skills", "validate");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("repo-search: valid, bundle sha256 ", stdout, StringComparison.Ordinal);
        Assert.Contains("ticket-filing: valid, bundle sha256 ", stdout, StringComparison.Ordinal);
        Assert.Contains("(strict): 0 error(s)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_InvalidSkillFile_ExitsOneNamingTheFileLineAndRule()
    {
        var skill = Directory.CreateDirectory(Path.Combine(_dir.FullName, "skills", "broken-skill")).FullName;
        await File.WriteAllTextAsync(
            Path.Combine(skill, "SKILL.md"),
            "---\nname: broken-skill\ndescription: Does a thing. Use it when a thing must be done.\nversion: \"2\"\n---\n\n# Steps\n\nDo it.\n",
            TestContext.Current.CancellationToken);

        var (exit, stdout, _) = await TandemProcess.RunAsync("skills", "validate", Path.Combine(_dir.FullName, "skills"));
        var (lenientExit, lenientStdout, _) = await TandemProcess.RunAsync("skills", "validate", Path.Combine(_dir.FullName, "skills"), "--lenient");

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^\S*broken-skill/SKILL\.md:4:1: error unknown-key: ", stdout);
        Assert.Contains("broken-skill: invalid (1 error(s))", stdout, StringComparison.Ordinal);

        // Lenient (what loading checks): an unknown key is only a warning.
        Assert.Equal(0, lenientExit);
        Assert.Matches(@"(?m)^\S*broken-skill/SKILL\.md:4:1: warning unknown-key: ", lenientStdout);
    }
}
