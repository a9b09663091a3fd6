using Tandem.Skills.Tests.Support;
using Tandem.TestSupport;

namespace Tandem.Skills.Tests;

public sealed class SkillValidatorTests
{
    private static Task<IReadOnlyList<SkillValidationResult>> ValidateAsync(string path, bool strict = true) =>
        SkillValidator.ValidateAllAsync(path, strict, TestContext.Current.CancellationToken);

    [Fact]
    public async Task ValidateAllAsync_RepositorySkills_AreValidInStrictMode()
    {
        var results = await ValidateAsync(Path.Combine(Fixtures.Root, "skills"));

        Assert.Equal(["repo-search", "ticket-filing"], results.Select(r => r.FolderName));
        foreach (var result in results)
        {
            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
            Assert.Empty(result.Diagnostics);
            var contract = Assert.Single(result.Skill!.Contracts);
            Assert.NotNull(contract.Script);
            Assert.True(contract.Examples.Count >= 2);
            Assert.Contains(contract.Examples, e => e.IsError);
            Assert.Contains(contract.Examples, e => !e.IsError);
            Assert.Equal([contract.ToolName], result.Skill.Document.AllowedTools);
        }
    }

    [Fact]
    public async Task ValidateAllAsync_RepositorySkillWithABrokenExample_NamesTheExampleAndTheSchemaPath()
    {
        using var temp = new TempSkills();
        var source = Path.Combine(Fixtures.Root, "skills", "repo-search");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            temp.Write(Path.Combine("repo-search", Path.GetRelativePath(source, file)), File.ReadAllText(file));
        }

        const string Example = "contracts/examples/search_files/definitions-in-python-files.json";
        var path = temp.PathOf(Path.Combine("repo-search", Example));
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"line\": 1, ", string.Empty, StringComparison.Ordinal));

        var result = Assert.Single(await ValidateAsync(temp.Root));

        Assert.False(result.IsValid);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(path, diagnostic.File);
        Assert.Contains(Example, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("schema path /properties/matches/items/required (value at /matches/0)", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAllAsync_SingleSkillFolder_GivesOneResult()
    {
        var results = await ValidateAsync(Path.Combine(Fixtures.Root, "skills", "ticket-filing"));

        var result = Assert.Single(results);
        Assert.True(result.IsValid);
        Assert.Equal("ticket-filing", result.Skill!.Name);
        Assert.True(result.Skill.Contracts[0].HasIdempotencyKey);
        Assert.Matches("^[0-9a-f]{64}$", result.BundleSha256);
    }

    [Fact]
    public async Task ValidateAllAsync_UnknownKey_FailsStrictAndPassesLenient()
    {
        using var temp = new TempSkills();
        temp.AddSkill("alpha", extra: "tags: [a, b]\n");

        Assert.False(Assert.Single(await ValidateAsync(temp.Root, strict: true)).IsValid);
        Assert.True(Assert.Single(await ValidateAsync(temp.Root, strict: false)).IsValid);
    }

    [Fact]
    public async Task ValidateAllAsync_BrokenContract_FailsWhileTheSkillItselfParses()
    {
        using var temp = new TempSkills();
        temp.AddEchoContract(temp.AddSkill("alpha"));
        temp.Write("alpha/contracts/examples/echo_text/hello.json", """{"input":{"text":"hello"},"output":{"text":"hello","length":"5"}}""");

        var result = Assert.Single(await ValidateAsync(temp.Root));

        Assert.NotNull(result.Skill);
        Assert.False(result.IsValid);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("/properties/length/type", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateAllAsync_WrongCaseSkillFile_IsAnError()
    {
        using var temp = new TempSkills();
        temp.Write("alpha/skill.md", "---\nname: alpha\ndescription: d\n---\nBody\n");

        var result = Assert.Single(await ValidateAsync(temp.Root));

        Assert.Equal(SkillRules.SkillFile, Assert.Single(result.Diagnostics).Rule);
        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task ValidateAllAsync_OneToolInTwoSkills_IsAnError()
    {
        using var temp = new TempSkills();
        temp.AddEchoContract(temp.AddSkill("alpha"));
        temp.AddEchoContract(temp.AddSkill("beta"));

        var results = await ValidateAsync(temp.Root);

        Assert.True(results[0].IsValid);
        Assert.False(results[1].IsValid);
        Assert.Contains("already defined by the skill 'alpha'", Assert.Single(results[1].Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAllAsync_FoldersWithoutSkillFile_AreSkipped()
    {
        using var temp = new TempSkills();
        temp.AddSkill("alpha");
        temp.Write("docs/README.md", "not a skill");

        Assert.Equal(["alpha"], (await ValidateAsync(temp.Root)).Select(r => r.FolderName));
    }

    [Fact]
    public async Task ValidateAllAsync_MissingFolder_IsAnError()
    {
        using var temp = new TempSkills();

        var result = Assert.Single(await ValidateAsync(temp.PathOf("absent")));

        Assert.False(result.IsValid);
    }
}
