using System.Text.Json;
using Tandem.Agents.Tools;
using Tandem.Skills.Contracts;
using Tandem.Skills.Tests.Support;

namespace Tandem.Skills.Tests.Contracts;

public sealed class SkillContractLoaderTests
{
    private const string Example = "contracts/examples/echo_text/bad.json";

    private static Task<SkillContractSet> LoadAsync(string skill, bool strict = true) =>
        SkillContractLoader.LoadAsync(skill, strict, TestContext.Current.CancellationToken);

    private static (TempSkills Temp, string Skill) EchoSkill()
    {
        var temp = new TempSkills();
        var skill = temp.AddSkill("echo");
        temp.AddEchoContract("echo");
        return (temp, skill);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task LoadAsync_ValidContract_LoadsSchemasScriptAndExamples()
    {
        var (temp, skill) = EchoSkill();
        using var _ = temp;

        var set = await LoadAsync(skill);

        Assert.True(set.IsValid, string.Join("\n", set.Diagnostics));
        var contract = Assert.Single(set.Contracts);
        Assert.Equal("echo_text", contract.ToolName);
        Assert.Equal("Echoes the text.", contract.Description);
        Assert.Equal("scripts/echo_text.py", contract.Script);
        Assert.Equal("python3", contract.Interpreter);
        Assert.False(contract.HasIdempotencyKey);
        Assert.Equal(["empty", "hello"], contract.Examples.Select(e => e.Name));
        Assert.Equal("empty_text", contract.Examples[0].Error!.Code);
        Assert.Equal("contracts/examples/echo_text/hello.json", contract.Examples[1].File);
        var definition = contract.ToToolDefinition();
        Assert.True(definition.Strict);
        Assert.True(definition.UntrustedOutput);
        new ToolRegistry().Add(new SchemaOnlyTool(definition));
    }

    [Theory]
    [InlineData("""{"input":{"text":"hi"},"output":{"text":"hi","length":"two"}}""", "output", "/properties/length/type", "/length")]
    [InlineData("""{"input":{"text":"hi"},"output":{"text":"hi"}}""", "output", "/required", "/")]
    [InlineData("""{"input":{"text":"hi"},"output":{"text":"hi","length":-1}}""", "output", "/properties/length/minimum", "/length")]
    [InlineData("""{"input":{"text":5},"output":{"text":"hi","length":2}}""", "input", "/properties/text/type", "/text")]
    [InlineData("""{"input":{"text":"hi","extra":1},"output":{"text":"hi","length":2}}""", "input", "/additionalProperties", "/extra")]
    public async Task LoadAsync_BrokenExample_NamesTheExampleFileAndTheSchemaPath(string example, string part, string schemaPath, string at)
    {
        var (temp, skill) = EchoSkill();
        using var _ = temp;
        temp.Write(Path.Combine("echo", Example), example);

        var set = await LoadAsync(skill);

        Assert.False(set.IsValid);
        Assert.Empty(set.Contracts);
        var diagnostic = Assert.Single(set.Diagnostics, d => d.IsError);
        Assert.Equal(SkillRules.ContractExample, diagnostic.Rule);
        Assert.Equal(Path.Combine(skill, Example), diagnostic.File);
        Assert.Contains(Example, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains($"the {part} does not match contracts/echo_text.{part}.schema.json", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains($"schema path {schemaPath} (value at {at})", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"input":{"text":"hi"}}""", "exactly one of 'output'")]
    [InlineData("""{"input":{"text":"hi"},"output":{"text":"hi","length":2},"error":{"code":"x"}}""", "exactly one of 'output'")]
    [InlineData("""{"output":{"text":"hi","length":2}}""", "has no 'input'")]
    [InlineData("""{"input":{"text":"hi"},"error":"boom"}""", "'error' must be")]
    [InlineData("""{"input":{"text":"hi"},"error":{"code":""}}""", "'error' must be")]
    [InlineData("""{"input":{"text":"hi"},"error":{"code":"x"},"workspace":{"../escape.txt":"x"}}""", "workspace entry '../escape.txt'")]
    [InlineData("""[1, 2]""", "must be a JSON object")]
    public async Task LoadAsync_MalformedExample_IsAnError(string example, string message)
    {
        var (temp, skill) = EchoSkill();
        using var _ = temp;
        temp.Write(Path.Combine("echo", Example), example);

        var set = await LoadAsync(skill);

        var diagnostic = Assert.Single(set.Diagnostics, d => d.IsError);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(Example, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ExampleThatIsNotJson_GivesTheLine()
    {
        var (temp, skill) = EchoSkill();
        using var _ = temp;
        temp.Write(Path.Combine("echo", Example), "{\n  \"input\": {\"text\": \"hi\"},\n  \"output\": oops\n}");

        var set = await LoadAsync(skill);

        var diagnostic = Assert.Single(set.Diagnostics, d => d.IsError);
        Assert.Equal(3, diagnostic.Line);
        Assert.Contains("not valid JSON", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_UnknownExampleMember_IsAnErrorInStrictAndAWarningInLenientMode()
    {
        var (temp, skill) = EchoSkill();
        using var _ = temp;
        temp.Write(Path.Combine("echo", Example), """{"input":{"text":"hi"},"output":{"text":"hi","length":2},"expected":1}""");

        Assert.False((await LoadAsync(skill, strict: true)).IsValid);
        var lenient = await LoadAsync(skill, strict: false);
        Assert.True(lenient.IsValid);
        Assert.Equal(3, Assert.Single(lenient.Contracts).Examples.Count);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}""", "additionalProperties")]
    [InlineData("""{"type":"object","properties":{"text":{"type":"string"},"n":{"type":"integer"}},"required":["text"],"additionalProperties":false}""", "Missing 'n'")]
    [InlineData("""{"type":"object","properties":{"o":{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}},"required":["o"],"additionalProperties":false}""", "additionalProperties")]
    [InlineData("""{"type":"string"}""", "must describe an object")]
    public async Task LoadAsync_InputSchemaNotStrict_IsRefusedNamingTheRule(string schema, string message)
    {
        var (temp, skill) = EchoSkill();
        using var _ = temp;
        temp.Write("echo/contracts/echo_text.input.schema.json", schema);

        var set = await LoadAsync(skill);

        var diagnostic = Assert.Single(set.Diagnostics, d => d.IsError);
        Assert.Equal(SkillRules.ContractSchema, diagnostic.Rule);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(set.Contracts);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"text":{"type":"strin"}}}""", "at /properties/text/type")]
    [InlineData("""{"type":"object","required":5}""", "at /required")]
    [InlineData("""{"type":"object","requried":["text"]}""", "requried")]
    [InlineData("""{"$ref":"https://example.com/schema.json"}""", "leaves the file")]
    [InlineData("""{"type":"object","properties":{"a":{"$ref":"#/$defs/missing"}}}""", "does not resolve")]
    [InlineData("""{"type":"object",""", "not valid JSON")]
    public async Task LoadAsync_InvalidOutputSchema_IsRefusedWithWhere(string schema, string message)
    {
        var (temp, skill) = EchoSkill();
        using var _ = temp;
        temp.Write("echo/contracts/echo_text.output.schema.json", schema);

        var set = await LoadAsync(skill);

        var diagnostic = Assert.Single(set.Diagnostics, d => d.IsError);
        Assert.Equal(SkillRules.ContractSchema, diagnostic.Rule);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(skill, "contracts/echo_text.output.schema.json"), diagnostic.File);
    }

    [Fact]
    public async Task LoadAsync_MissingOutputSchema_IsALayoutError()
    {
        var (temp, skill) = EchoSkill();
        using var _ = temp;
        File.Delete(Path.Combine(skill, "contracts/echo_text.output.schema.json"));

        var set = await LoadAsync(skill);

        Assert.Contains("echo_text.output.schema.json", Assert.Single(set.Diagnostics, d => d.IsError).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MissingScript_IsAnErrorInStrictModeOnly()
    {
        var (temp, skill) = EchoSkill();
        using var _ = temp;
        File.Delete(Path.Combine(skill, "scripts/echo_text.py"));

        Assert.Equal(SkillRules.ContractScript, Assert.Single((await LoadAsync(skill, strict: true)).Diagnostics, d => d.IsError).Rule);
        var lenient = await LoadAsync(skill, strict: false);
        Assert.Null(Assert.Single(lenient.Contracts).Script);
    }

    [Theory]
    [InlineData("contracts/notes.json")]
    [InlineData("contracts/examples/loose.json")]
    [InlineData("contracts/bad name.input.schema.json")]
    public async Task LoadAsync_MisplacedOrMisnamedContractFile_IsALayoutError(string file)
    {
        var (temp, skill) = EchoSkill();
        using var _ = temp;
        temp.Write(Path.Combine("echo", file), "{}");

        var set = await LoadAsync(skill);

        Assert.Equal(SkillRules.ContractLayout, Assert.Single(set.Diagnostics, d => d.IsError).Rule);
    }

    [Fact]
    public async Task LoadAsync_ToolWithoutExamples_IsAWarning()
    {
        var (temp, skill) = EchoSkill();
        using var _ = temp;
        Directory.Delete(Path.Combine(skill, "contracts/examples"), recursive: true);

        var set = await LoadAsync(skill);

        Assert.True(set.IsValid);
        Assert.Equal(SkillRules.ContractExample, Assert.Single(set.Diagnostics).Rule);
    }

    [Fact]
    public async Task LoadAsync_SkillWithoutContracts_HasNone()
    {
        using var temp = new TempSkills();
        var skill = temp.AddSkill("plain");

        var set = await LoadAsync(skill);

        Assert.Empty(set.Contracts);
        Assert.Empty(set.Diagnostics);
    }

    [Fact]
    public async Task ValidateOutput_BadToolOutput_NamesTheSchemaPath()
    {
        // S4: the runtime checks a tool's output before the model sees it.
        var (temp, skill) = EchoSkill();
        using var _ = temp;
        var contract = Assert.Single((await LoadAsync(skill)).Contracts);

        var violations = contract.ValidateOutput(Json("""{"text":"hi","length":2,"debug":"stack trace"}"""));

        var violation = Assert.Single(violations);
        Assert.Equal("/additionalProperties", violation.SchemaPath);
        Assert.Equal("/debug", violation.InstanceLocation);
        Assert.Empty(contract.ValidateOutput(Json("""{"text":"hi","length":2}""")));
        Assert.Empty(contract.ValidateInput(Json("""{"text":"hi"}""")));
    }

    [Fact]
    public async Task FindOutputMismatch_ComparesByValueInAnyMemberOrder()
    {
        var (temp, skill) = EchoSkill();
        using var _ = temp;
        var hello = Assert.Single((await LoadAsync(skill)).Contracts).Examples.Single(e => e.Name == "hello");

        Assert.Null(hello.FindOutputMismatch(Json("""{"length":5.0,"text":"hello"}""")));
        Assert.Equal("at /text: expected \"hello\", got \"hellO\"", hello.FindOutputMismatch(Json("""{"text":"hellO","length":5}""")));
        Assert.Equal("at /extra: expected nothing, got 1", hello.FindOutputMismatch(Json("""{"text":"hello","length":5,"extra":1}""")));
        Assert.Equal("at /length: expected 5, got nothing", hello.FindOutputMismatch(Json("""{"text":"hello"}""")));
    }

    /// <summary>A tool that only carries a definition, to check the registry accepts a contract's schema as strict.</summary>
    private sealed class SchemaOnlyTool(ToolDefinition definition) : ITool
    {
        public ToolDefinition Definition { get; } = definition;

        public ValueTask<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken) => ValueTask.FromResult(new ToolResult("{}"));
    }
}
