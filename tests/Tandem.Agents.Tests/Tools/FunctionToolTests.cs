using System.ComponentModel;
using System.Text.Json;
using Tandem.Agents.Tools;
using Tandem.Responses.Protocol;

namespace Tandem.Agents.Tests.Tools;

public sealed class FunctionToolTests
{
    [Fact]
    public void Create_FromDelegate_GivesAStrictValidSchemaWithEveryParameterRequired()
    {
        var tool = FunctionTool.Create(([Description("The city")] string city, int days, string? unit = null) => $"{city}:{days}:{unit}", "forecast", "Weather forecast.");

        var schema = tool.Definition.Parameters;
        Assert.True(tool.Definition.Strict);
        Assert.Null(StrictSchema.FindViolation(schema));
        Assert.Equal(["city", "days", "unit"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        var function = tool.Definition.ToResponseTool();
        Assert.Equal("forecast", function.Name);
        Assert.True(function.Strict);
    }

    [Fact]
    public async Task InvokeAsync_ParsedArguments_CallTheDelegate()
    {
        var tool = FunctionTool.Create((string city, int days) => $"{city} for {days} days", "forecast");
        var args = JsonDocument.Parse("""{"city":"Oslo","days":3}""").RootElement;

        var result = await tool.InvokeAsync(new ToolCall("run", "call_1", "forecast", args.GetRawText(), args), TestContext.Current.CancellationToken);

        Assert.Equal("Oslo for 3 days", result.Output);
        Assert.False(result.IsError);
    }

    [Fact]
    public void Add_DuplicateName_IsRefused()
    {
        var registry = new ToolRegistry().Add(FunctionTool.Create(() => "a", "same"));

        var ex = Assert.Throws<ArgumentException>(() => registry.Add(FunctionTool.Create(() => "b", "same")));

        Assert.Contains("same", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_StrictToolWithLooseSchema_IsRefusedNamingTheRule()
    {
        var loose = new DelegateTool(new ToolDefinition { Name = "loose", Parameters = JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"string"}}}""").RootElement });

        var ex = Assert.Throws<ArgumentException>(() => new ToolRegistry().Add(loose));

        Assert.Contains("additionalProperties", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A hand-written tool for tests: the definition as given, a body that returns a constant.</summary>
    internal sealed class DelegateTool(ToolDefinition definition, Func<ToolCall, CancellationToken, ValueTask<ToolResult>>? body = null) : ITool
    {
        public ToolDefinition Definition { get; } = definition;

        public ValueTask<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken) =>
            body?.Invoke(call, cancellationToken) ?? ValueTask.FromResult(new ToolResult("ok"));
    }
}
