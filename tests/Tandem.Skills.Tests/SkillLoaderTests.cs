using Tandem.Skills.Tests.Support;

namespace Tandem.Skills.Tests;

public sealed class SkillLoaderTests
{
    private static Task<SkillCatalog> LoadAsync(params string[] roots)
    {
        var options = new SkillsOptions();
        options.TrustedRoots.AddRange(roots);
        return new SkillLoader(options).LoadAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task LoadAsync_SkillsInATrustedRoot_AreInTheCatalogWithTheirHash()
    {
        using var temp = new TempSkills();
        temp.AddSkill("alpha", under: "trusted");
        temp.AddSkill("beta", under: "trusted");
        temp.Write("trusted/not-a-skill/README.md", "just a folder");

        var catalog = await LoadAsync(temp.PathOf("trusted"));

        Assert.Equal(["alpha", "beta"], catalog.Skills.Select(s => s.Name));
        Assert.All(catalog.Skills, s => Assert.Matches("^[0-9a-f]{64}$", s.BundleSha256));
        Assert.Empty(catalog.Diagnostics);
    }

    [Fact]
    public async Task LoadAsync_SkillInAnUntrustedFolder_IsNotInTheCatalog()
    {
        // S7: a skill dropped anywhere but a configured root is never loaded.
        using var temp = new TempSkills();
        temp.AddSkill("alpha", under: "trusted");
        temp.AddSkill("dropped", under: "downloads");
        temp.AddSkill("nested", under: "trusted/alpha/vendor");

        var catalog = await LoadAsync(temp.PathOf("trusted"));

        Assert.Equal(["alpha"], catalog.Skills.Select(s => s.Name));
        Assert.False(catalog.TryGet("dropped", out _));
        Assert.False(catalog.TryGet("nested", out _));
        Assert.DoesNotContain("dropped", catalog.CatalogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_SkillFolderLinkedFromOutsideTheRoot_IsRefused()
    {
        using var temp = new TempSkills();
        temp.AddSkill("alpha", under: "trusted");
        var outside = temp.AddSkill("evil", under: "elsewhere");
        Directory.CreateSymbolicLink(temp.PathOf("trusted/evil"), outside);

        var catalog = await LoadAsync(temp.PathOf("trusted"));

        Assert.Equal(["alpha"], catalog.Skills.Select(s => s.Name));
        var diagnostic = Assert.Single(catalog.Diagnostics);
        Assert.Equal(SkillRules.SymbolicLink, diagnostic.Rule);
        Assert.True(diagnostic.IsError);
        Assert.Contains("outside the trusted root", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_FileLinkLeavingTheRoot_RefusesTheWholeSkill()
    {
        using var temp = new TempSkills();
        var skill = temp.AddSkill("alpha", under: "trusted");
        var secret = temp.Write("secrets/passwords.txt", "hunter2");
        Directory.CreateDirectory(Path.Combine(skill, "references"));
        File.CreateSymbolicLink(Path.Combine(skill, "references", "notes.txt"), secret);

        var catalog = await LoadAsync(temp.PathOf("trusted"));

        Assert.Empty(catalog.Skills);
        var diagnostic = Assert.Single(catalog.Diagnostics);
        Assert.Equal(SkillRules.SymbolicLink, diagnostic.Rule);
        Assert.EndsWith(Path.Combine("alpha", "references", "notes.txt"), diagnostic.File, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_RelativeLinkClimbingOutOfTheRoot_IsRefused()
    {
        using var temp = new TempSkills();
        var skill = temp.AddSkill("alpha", under: "trusted");
        temp.Write("secrets/key.txt", "k");
        Directory.CreateSymbolicLink(Path.Combine(skill, "up"), Path.Combine("..", "..", "secrets"));

        var catalog = await LoadAsync(temp.PathOf("trusted"));

        Assert.Empty(catalog.Skills);
        Assert.Equal(SkillRules.SymbolicLink, Assert.Single(catalog.Diagnostics).Rule);
    }

    [Fact]
    public async Task LoadAsync_LinksInsideTheRoot_AreFollowedAndHashedUnderTheLinkPath()
    {
        using var temp = new TempSkills();
        var skill = temp.AddSkill("alpha", under: "trusted");
        temp.Write("trusted/shared/common.md", "shared text");
        File.CreateSymbolicLink(Path.Combine(skill, "common.md"), temp.PathOf("trusted/shared/common.md"));

        var catalog = await LoadAsync(temp.PathOf("trusted"));

        var loaded = Assert.Single(catalog.Skills);
        Assert.Contains("common.md", loaded.Resources);
    }

    [Fact]
    public async Task LoadAsync_LinkLoop_RefusesTheSkill()
    {
        using var temp = new TempSkills();
        var skill = temp.AddSkill("alpha", under: "trusted");
        Directory.CreateSymbolicLink(Path.Combine(skill, "again"), skill);

        var catalog = await LoadAsync(temp.PathOf("trusted"));

        Assert.Empty(catalog.Skills);
        Assert.Contains("loops", Assert.Single(catalog.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_LinkToASiblingFolder_IsNotALoop()
    {
        using var temp = new TempSkills();
        var skill = temp.AddSkill("alpha", under: "trusted");
        temp.Write("trusted/alpha/references/guide.md", "guide");
        Directory.CreateSymbolicLink(Path.Combine(skill, "docs"), Path.Combine(skill, "references"));

        var catalog = await LoadAsync(temp.PathOf("trusted"));

        var loaded = Assert.Single(catalog.Skills);
        Assert.Contains("docs/guide.md", loaded.Resources);
        Assert.Contains("references/guide.md", loaded.Resources);
    }

    [Fact]
    public async Task LoadAsync_TrustedRootThatIsALink_IsTrustedWhereItReallyIs()
    {
        using var temp = new TempSkills();
        temp.AddSkill("alpha", under: "real-root");
        Directory.CreateSymbolicLink(temp.PathOf("linked-root"), temp.PathOf("real-root"));

        var catalog = await LoadAsync(temp.PathOf("linked-root"));

        Assert.Equal("alpha", Assert.Single(catalog.Skills).Name);
    }

    [Fact]
    public async Task LoadAsync_SameNameInTwoRoots_TheFirstRootWins()
    {
        using var temp = new TempSkills();
        temp.AddSkill("alpha", under: "first", description: "From the first root.");
        temp.AddSkill("alpha", under: "second", description: "From the second root.");

        var catalog = await LoadAsync(temp.PathOf("first"), temp.PathOf("second"));

        Assert.Equal("From the first root.", Assert.Single(catalog.Skills).Description);
        Assert.Equal(SkillRules.DuplicateName, Assert.Single(catalog.Diagnostics).Rule);
    }

    [Fact]
    public async Task LoadAsync_InvalidSkill_IsLeftOutWithItsDiagnostics()
    {
        using var temp = new TempSkills();
        temp.AddSkill("alpha", under: "trusted");
        temp.AddSkill("beta", under: "trusted", name: "gamma");

        var catalog = await LoadAsync(temp.PathOf("trusted"));

        Assert.Equal(["alpha"], catalog.Skills.Select(s => s.Name));
        Assert.Contains(catalog.Diagnostics, d => d.Rule == SkillRules.NameFolder && d.IsError);
    }

    [Fact]
    public async Task LoadAsync_UnknownKey_LoadsLenientlyWithAWarning()
    {
        using var temp = new TempSkills();
        temp.AddSkill("alpha", under: "trusted", extra: "version: \"1\"\n");

        var catalog = await LoadAsync(temp.PathOf("trusted"));

        var skill = Assert.Single(catalog.Skills);
        Assert.Contains(skill.Diagnostics, d => d.Rule == SkillRules.UnknownKey && d.Severity == SkillDiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task LoadAsync_MissingRoot_IsAWarning()
    {
        using var temp = new TempSkills();

        var catalog = await LoadAsync(temp.PathOf("absent"));

        Assert.Empty(catalog.Skills);
        Assert.Equal(SkillRules.TrustedRoot, Assert.Single(catalog.Diagnostics).Rule);
    }

    [Fact]
    public void Constructor_RelativeRoot_IsRefused()
    {
        var options = new SkillsOptions();
        options.TrustedRoots.Add("skills");

        var ex = Assert.Throws<ArgumentException>(() => new SkillLoader(options));

        Assert.Contains("absolute", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_TooManyFiles_RefusesTheSkill()
    {
        using var temp = new TempSkills();
        var skill = temp.AddSkill("alpha", under: "trusted");
        for (var i = 0; i < 5; i++)
        {
            File.WriteAllText(Path.Combine(skill, $"f{i}.txt"), "x");
        }

        var options = new SkillsOptions { MaxFilesPerSkill = 3 };
        options.TrustedRoots.Add(temp.PathOf("trusted"));
        var catalog = await new SkillLoader(options).LoadAsync(TestContext.Current.CancellationToken);

        Assert.Empty(catalog.Skills);
        Assert.Equal(SkillRules.Bundle, Assert.Single(catalog.Diagnostics).Rule);
    }

    [Fact]
    public async Task LoadAsync_TwoSkillsDefiningOneTool_TheLaterIsRefused()
    {
        using var temp = new TempSkills();
        temp.AddEchoContract(temp.AddSkill("alpha", under: "trusted"));
        temp.AddEchoContract(temp.AddSkill("beta", under: "trusted"));

        var catalog = await LoadAsync(temp.PathOf("trusted"));

        Assert.Equal(["alpha"], catalog.Skills.Select(s => s.Name));
        Assert.Contains(catalog.Diagnostics, d => d.Rule == SkillRules.ContractLayout && d.Message.Contains("echo_text", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CatalogText_ListsNameAndDescriptionOnly()
    {
        using var temp = new TempSkills();
        temp.AddSkill("alpha", under: "trusted", description: "Alpha things.\n  Use for alpha.", body: "SECRET-INSTRUCTIONS");
        temp.AddSkill("beta", under: "trusted", description: "Beta things.");

        var catalog = await LoadAsync(temp.PathOf("trusted"));

        Assert.Contains("- alpha: Alpha things. Use for alpha.\n", catalog.CatalogText, StringComparison.Ordinal);
        Assert.Contains("- beta: Beta things.\n", catalog.CatalogText, StringComparison.Ordinal);
        Assert.Contains("activate_skill", catalog.CatalogText, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-INSTRUCTIONS", catalog.CatalogText, StringComparison.Ordinal);
    }
}
