using System.Text.Json;
using Tandem.Agents.Execution;
using Tandem.Agents.Tools;
using Tandem.Responses.Protocol;
using Tandem.Skills.Tests.Support;

namespace Tandem.Skills.Tests;

public sealed class ActivateSkillToolTests
{
    private static async Task<SkillCatalog> CatalogAsync(TempSkills temp)
    {
        temp.AddSkill("alpha", under: "trusted", body: "# Alpha\n\nStep one.\n");
        var beta = temp.AddSkill("beta", under: "trusted");
        temp.Write("trusted/beta/references/guide.md", "guide");
        temp.AddEchoContract(beta);
        var options = new SkillsOptions();
        options.TrustedRoots.Add(temp.PathOf("trusted"));
        return await new SkillLoader(options).LoadAsync(TestContext.Current.CancellationToken);
    }

    private static ToolCall Call(string arguments) =>
        new("run", "call_1", ActivateSkillTool.ToolName, arguments, JsonDocument.Parse(arguments).RootElement);

    [Fact]
    public async Task Definition_Schema_IsStrictWithAnEnumOfTheSkillNames()
    {
        using var temp = new TempSkills();
        var tool = (await CatalogAsync(temp)).CreateActivateSkillTool();

        var schema = tool.Definition.Parameters;

        Assert.Equal("activate_skill", tool.Definition.Name);
        Assert.True(tool.Definition.Strict);
        Assert.Null(StrictSchema.FindViolation(schema));
        Assert.Equal(["name"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["alpha", "beta"], schema.GetProperty("properties").GetProperty("name").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        new ToolRegistry().Add(tool);
    }

    [Fact]
    public async Task InvokeAsync_KnownSkill_ReturnsItsBodyAndResourceFiles()
    {
        using var temp = new TempSkills();
        var tool = (await CatalogAsync(temp)).CreateActivateSkillTool();

        var result = await tool.InvokeAsync(Call("""{"name":"beta"}"""), TestContext.Current.CancellationToken);

        Assert.False(result.IsError);
        using var output = JsonDocument.Parse(result.Output);
        Assert.Equal("beta", output.RootElement.GetProperty("name").GetString());
        Assert.Equal("# Steps\n\nDo the thing.", output.RootElement.GetProperty("instructions").GetString());
        Assert.Equal(
            [
                "contracts/echo_text.input.schema.json",
                "contracts/echo_text.output.schema.json",
                "contracts/examples/echo_text/empty.json",
                "contracts/examples/echo_text/hello.json",
                "references/guide.md",
                "scripts/echo_text.py",
            ],
            output.RootElement.GetProperty("resources").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task InvokeAsync_ServesTheBodyLoaded_NotTheFileAsEditedSince()
    {
        using var temp = new TempSkills();
        var tool = (await CatalogAsync(temp)).CreateActivateSkillTool();
        File.WriteAllText(temp.PathOf("trusted/alpha/SKILL.md"), "---\nname: alpha\ndescription: d\n---\nInjected later.");

        var result = await tool.InvokeAsync(Call("""{"name":"alpha"}"""), TestContext.Current.CancellationToken);

        Assert.Contains("Step one.", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Injected", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_UnknownSkillName_IsRefusedByTheRuntimeAndNeverReachesTheTool()
    {
        using var temp = new TempSkills();
        var spy = new CountingTool((await CatalogAsync(temp)).CreateActivateSkillTool());
        await using var dispatcher = new ToolDispatcher(new ToolRegistry().Add(spy));

        var refused = await await dispatcher.DispatchAsync(
            "run", new FunctionCallItem { CallId = "c1", Name = "activate_skill", Arguments = """{"name":"../../etc"}""" }, TestContext.Current.CancellationToken);
        var extra = await await dispatcher.DispatchAsync(
            "run", new FunctionCallItem { CallId = "c2", Name = "activate_skill", Arguments = """{"name":"alpha","path":"x"}""" }, TestContext.Current.CancellationToken);
        var accepted = await await dispatcher.DispatchAsync(
            "run", new FunctionCallItem { CallId = "c3", Name = "activate_skill", Arguments = """{"name":"alpha"}""" }, TestContext.Current.CancellationToken);

        Assert.False(refused.Ran);
        Assert.True(refused.Result.IsError);
        Assert.Contains("enum", refused.Result.Output, StringComparison.Ordinal);
        Assert.False(extra.Ran);
        Assert.True(accepted.Ran);
        Assert.Equal(1, spy.Calls);
    }

    [Fact]
    public async Task InvokeAsync_UnknownNameBypassingTheRegistry_IsAnError()
    {
        using var temp = new TempSkills();
        var tool = (await CatalogAsync(temp)).CreateActivateSkillTool();

        var result = await tool.InvokeAsync(Call("""{"name":"gamma"}"""), TestContext.Current.CancellationToken);

        Assert.True(result.IsError);
    }

    [Fact]
    public void CreateActivateSkillTool_NoSkills_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => SkillCatalog.Empty.CreateActivateSkillTool());
    }

    /// <summary>Passes calls through to the real tool and counts those that reach it.</summary>
    private sealed class CountingTool(ITool inner) : ITool
    {
        private int _calls;

        public int Calls => _calls;

        public ToolDefinition Definition => inner.Definition;

        public ValueTask<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return inner.InvokeAsync(call, cancellationToken);
        }
    }
}
