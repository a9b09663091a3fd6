using System.Text.Json;
using Tandem.Agents.Tools;
using Tandem.Security.Sandbox;
using Tandem.Skills.Execution;
using Tandem.Skills.Tests.Support;
using Tandem.TestSupport;

namespace Tandem.Skills.Tests.Execution;

public sealed class SkillToolsetTests : IDisposable
{
    private readonly DirectoryInfo _workspace = Directory.CreateTempSubdirectory("tandem-toolset-");

    public void Dispose() => _workspace.Delete(recursive: true);

    private ISandbox Sandbox(SkillCatalog catalog) => Sandboxes.Create(new SandboxOptions
    {
        WorkspaceRoot = _workspace.FullName,
        ReadOnlyPaths = SkillToolset.ReadOnlyPathsFor(catalog),
    });

    [Fact]
    public async Task Create_RepositorySkills_RegistersActivateSkillAndEveryScriptTool()
    {
        var catalog = await ScriptSkills.LoadAsync(Path.Combine(Fixtures.Root, "skills"));

        var toolset = SkillToolset.Create(catalog, Sandbox(catalog));
        var registry = toolset.Register(new ToolRegistry());

        Assert.Equal([ActivateSkillTool.ToolName, "search_files", "file_ticket"], toolset.Tools.Select(t => t.Definition.Name));
        Assert.Equal(["activate_skill", "file_ticket", "search_files"], registry.ToResponseTools().Select(t => t.Name));
        Assert.Equal(catalog.CatalogText, toolset.CatalogText);
        Assert.Contains("- repo-search: ", toolset.CatalogText, StringComparison.Ordinal);
        Assert.Empty(toolset.Diagnostics);
    }

    [Fact]
    public async Task Create_ProfileWithoutATool_LeavesItOutWithADiagnostic()
    {
        // S6: the deployment's profile is the most a skill gets; a skill's tool outside it is not offered at all.
        var catalog = await ScriptSkills.LoadAsync(Path.Combine(Fixtures.Root, "skills"));
        var profile = new ToolProfile("read-only", ["search_files", "read_file"]);

        var toolset = SkillToolset.Create(catalog, Sandbox(catalog), new SkillToolsetOptions { Profile = profile });

        Assert.Equal([ActivateSkillTool.ToolName, "search_files"], toolset.Tools.Select(t => t.Definition.Name));
        var denied = Assert.Single(toolset.Diagnostics, d => d.Message.Contains("'file_ticket'", StringComparison.Ordinal));
        Assert.Equal(SkillRules.AllowedToolsDenied, denied.Rule);
        Assert.Contains("'read-only' does not grant", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SkillWhoseAllowedToolsLeavesOutItsOwnTool_DoesNotGetIt()
    {
        using var temp = new TempSkills();
        var skill = temp.AddSkill("echo", under: "root", extra: "allowed-tools: read_file\n");
        temp.AddEchoContract(Path.GetRelativePath(temp.Root, skill));
        var catalog = await ScriptSkills.LoadAsync(temp.PathOf("root"));
        Assert.Single(Assert.Single(catalog.Skills).Contracts);

        var toolset = SkillToolset.Create(catalog, Sandbox(catalog));

        Assert.Equal([ActivateSkillTool.ToolName], toolset.Tools.Select(t => t.Definition.Name));
        Assert.Contains(toolset.Diagnostics, d => d.Message.Contains("allowed-tools does not name it", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_NoSkills_NoToolsAndNoCatalogText()
    {
        var toolset = SkillToolset.Create(SkillCatalog.Empty, Sandboxes.Create(new SandboxOptions { WorkspaceRoot = _workspace.FullName }));

        Assert.Empty(toolset.Tools);
        Assert.Equal(string.Empty, toolset.CatalogText);
    }

    [Fact]
    public async Task RegisteredTool_CalledThroughTheRegistry_RunsTheScriptInTheSandbox()
    {
        ScriptSkills.RequirePython();
        var catalog = await ScriptSkills.LoadAsync(Path.Combine(Fixtures.Root, "skills"));
        await File.WriteAllTextAsync(Path.Combine(_workspace.FullName, "notes.md"), "a needle here\n", TestContext.Current.CancellationToken);
        var registry = SkillToolset.Create(catalog, Sandbox(catalog)).Register(new ToolRegistry());
        Assert.True(registry.TryGet("search_files", out var tool));
        const string Arguments = """{"pattern":"needle","literal":true,"case_sensitive":true,"path":null,"glob":null,"max_results":null}""";
        using var doc = JsonDocument.Parse(Arguments);

        var result = await tool.InvokeAsync(new ToolCall("run_1", "call_1", "search_files", Arguments, doc.RootElement.Clone()), TestContext.Current.CancellationToken);

        Assert.False(result.IsError, result.Output);
        using var output = JsonDocument.Parse(result.Output);
        var match = Assert.Single(output.RootElement.GetProperty("matches").EnumerateArray());
        Assert.Equal("notes.md", match.GetProperty("path").GetString());
    }
}
