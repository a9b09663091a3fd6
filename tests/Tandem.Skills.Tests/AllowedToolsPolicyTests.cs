using Tandem.Skills.Tests.Support;

namespace Tandem.Skills.Tests;

public sealed class AllowedToolsPolicyTests
{
    private static readonly ToolProfile ReadOnly = new("read-only", ["search_files", "read_file", "activate_skill"]);

    [Fact]
    public void Narrow_SkillAskingForShellOnAProfileWithoutShell_IsDeniedWithADiagnostic()
    {
        // S6: allowed-tools is a request; it cannot add a tool the profile does not grant.
        var decision = AllowedToolsPolicy.Narrow("deploy", ["shell", "search_files"], ReadOnly, "/skills/deploy/SKILL.md");

        Assert.Equal(["search_files"], decision.Tools.Order());
        Assert.Equal(["shell"], decision.Denied);
        var diagnostic = Assert.Single(decision.Diagnostics);
        Assert.Equal(SkillRules.AllowedToolsDenied, diagnostic.Rule);
        Assert.Contains("'shell'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("read-only", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("/skills/deploy/SKILL.md", diagnostic.File);
    }

    [Fact]
    public void Narrow_RequestedSubset_NarrowsToExactlyThatSubset()
    {
        var decision = AllowedToolsPolicy.Narrow("search", ["read_file"], ReadOnly);

        Assert.Equal(["read_file"], decision.Tools);
        Assert.Empty(decision.Diagnostics);
    }

    [Fact]
    public void Narrow_NoAllowedTools_KeepsTheProfileAsIs()
    {
        var decision = AllowedToolsPolicy.Narrow("plain", null, ReadOnly);

        Assert.True(decision.Tools.SetEquals(ReadOnly.Tools));
        Assert.Empty(decision.Diagnostics);
    }

    [Fact]
    public void Narrow_EmptyRequest_AllowsNothing()
    {
        var decision = AllowedToolsPolicy.Narrow("quiet", [], ReadOnly);

        Assert.Empty(decision.Tools);
    }

    [Fact]
    public void Narrow_ArgumentPattern_GrantsNothingRatherThanTheWholeTool()
    {
        var profile = new ToolProfile("developer", ["shell", "search_files"]);

        var decision = AllowedToolsPolicy.Narrow("git", ["shell(git:*)", "search_files"], profile);

        Assert.Equal(["search_files"], decision.Tools);
        Assert.Equal(["shell(git:*)"], decision.Denied);
        Assert.Contains("argument patterns", Assert.Single(decision.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Narrow_NamesAreCaseSensitive()
    {
        var decision = AllowedToolsPolicy.Narrow("claude-style", ["Read"], new ToolProfile("p", ["read"]));

        Assert.Empty(decision.Tools);
        Assert.Equal(["Read"], decision.Denied);
    }

    [Fact]
    public void Narrow_AnyRequest_IsAlwaysASubsetOfTheProfile()
    {
        string[][] requests = [["a"], ["shell", "net", "a"], ["x(y)"], [], ["b", "b", "c"]];
        var profile = new ToolProfile("p", ["a", "b"]);

        foreach (var request in requests)
        {
            Assert.True(AllowedToolsPolicy.Narrow("s", request, profile).Tools.IsSubsetOf(profile.Tools));
        }
    }

    [Fact]
    public async Task Narrow_LoadedSkill_UsesItsAllowedToolsAndNamesItsFile()
    {
        using var temp = new TempSkills();
        temp.AddSkill("ops", under: "trusted", extra: "allowed-tools: shell search_files\n");
        var options = new SkillsOptions();
        options.TrustedRoots.Add(temp.PathOf("trusted"));
        var skill = Assert.Single((await new SkillLoader(options).LoadAsync(TestContext.Current.CancellationToken)).Skills);

        var decision = AllowedToolsPolicy.Narrow(skill, ReadOnly);

        Assert.Equal(["search_files"], decision.Tools);
        Assert.EndsWith(Path.Combine("ops", "SKILL.md"), Assert.Single(decision.Diagnostics).File, StringComparison.Ordinal);
    }
}
