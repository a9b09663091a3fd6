using System.Text.Json.Nodes;
using Tandem.Security.Sandbox;
using Tandem.Skills.Testing;
using Tandem.Skills.Tests.Support;
using Tandem.TestSupport;

namespace Tandem.Skills.Tests.Testing;

/// <summary>
/// <c>tandem skills test</c>'s engine: the repository's skills pass through the real sandbox, and a broken copy fails
/// exactly the broken example, by name, with the schema path.
/// </summary>
public sealed class SkillContractRunnerTests : IDisposable
{
    private const string Definitions = "contracts/examples/search_files/definitions-in-python-files.json";

    private readonly TempSkills _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string RepositorySkills => Path.Combine(Fixtures.Root, "skills");

    /// <summary>Every example file of the repository's skills, as (skill, example name).</summary>
    private static List<(string Skill, string Example)> ExampleFiles(string root) =>
        Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar))
            .Where(p => p is [_, "contracts", "examples", _, _])
            .Select(p => (p[0], Path.GetFileNameWithoutExtension(p[4])))
            .Order()
            .ToList();

    private string CopyOfRepositorySkills()
    {
        var copy = _temp.PathOf("skills");
        ScriptSkills.CopyTree(RepositorySkills, copy);
        return copy;
    }

    private void EditExample(string skillsFolder, string skill, string example, Action<JsonNode> edit)
    {
        var path = Path.Combine(skillsFolder, skill, example);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    [Fact]
    public async Task RunAsync_RepositorySkills_EveryExamplePassesInTheSandbox()
    {
        ScriptSkills.RequirePython();

        var report = await new SkillContractRunner().RunAsync(RepositorySkills, Ct);

        Assert.True(report.Succeeded, string.Join("\n", report.Results.Where(r => r.Failed).Select(r => r.Message)));
        Assert.Equal(2, report.SkillCount);
        Assert.Equal(ExampleFiles(RepositorySkills), report.Results.Select(r => (r.Skill, r.Example!)).Order());
        Assert.All(report.Results, r => Assert.Equal(ContractExampleOutcome.Passed, r.Outcome));
        Assert.Equal(Sandboxes.Capabilities.AutoIsolation, report.Isolation);
        Assert.NotNull(report.IsolationDescription);

        // The side-effect tool's examples were repeated with their idempotency key.
        Assert.All(report.Results.Where(r => r.Tool == "file_ticket"), r => Assert.Contains("workspace unchanged", r.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_OneExampleOutputBrokenAgainstTheSchema_ThatExampleFailsNamingItAndTheSchemaPath(IsolationMode isolation)
    {
        ScriptSkills.RequirePython();
        if (isolation == IsolationMode.Bubblewrap && !Sandboxes.Capabilities.BubblewrapWorks)
        {
            Assert.Skip("bubblewrap " + Sandboxes.Capabilities.BubblewrapStatus);
        }

        var copy = CopyOfRepositorySkills();
        EditExample(copy, "repo-search", Definitions, json => json["output"]!["matches"]![0]!.AsObject().Remove("line"));

        var report = await new SkillContractRunner(new SkillContractRunnerOptions { Isolation = isolation }).RunAsync(copy, Ct);

        Assert.False(report.Succeeded);
        var failed = Assert.Single(report.Results, r => r.Failed);
        Assert.Equal(("repo-search", "search_files", "definitions-in-python-files"), (failed.Skill, failed.Tool, failed.Example));
        Assert.Contains(Definitions, failed.Message, StringComparison.Ordinal);
        Assert.Contains("contracts/search_files.output.schema.json at schema path /properties/matches/items/required", failed.Message, StringComparison.Ordinal);

        // Every other example, the broken one's siblings of the same tool included, still ran and passed.
        Assert.Equal(ExampleFiles(copy), report.Results.Select(r => (r.Skill, r.Example!)).Order());
        Assert.Equal(ExampleFiles(copy).Count - 1, report.PassedCount);
        Assert.Equal(isolation, report.Isolation);
    }

    [Fact]
    public async Task RunAsync_OneExpectedValueChanged_FailsWithWhereTheOutputDiffers()
    {
        ScriptSkills.RequirePython();
        var copy = CopyOfRepositorySkills();
        EditExample(copy, "ticket-filing", "contracts/examples/file_ticket/bug-report.json", json => json["output"]!["ticket_id"] = "TCK-000002");

        var report = await new SkillContractRunner().RunAsync(copy, Ct);

        var failed = Assert.Single(report.Results, r => r.Failed);
        Assert.Equal("bug-report", failed.Example);
        Assert.StartsWith("contracts/examples/file_ticket/bug-report.json: ", failed.Message, StringComparison.Ordinal);
        Assert.Contains("at /ticket_id: expected \"TCK-000002\", got \"TCK-000001\"", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ExpectedErrorCodeChanged_FailsNamingBothCodes()
    {
        ScriptSkills.RequirePython();
        var copy = CopyOfRepositorySkills();
        EditExample(copy, "repo-search", "contracts/examples/search_files/invalid-regular-expression.json", json => json["error"]!["code"] = "bad_regex");

        var report = await new SkillContractRunner().RunAsync(copy, Ct);

        var failed = Assert.Single(report.Results, r => r.Failed);
        Assert.Equal("invalid-regular-expression", failed.Example);
        Assert.Contains("expected the error 'bad_regex', got the error 'invalid_pattern'", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_IdempotencyKeyThatDoesNotPreventASecondSideEffect_FailsTheRepeat()
    {
        ScriptSkills.RequirePython();
        _temp.AddSkill("counter", under: "root");
        _temp.Write("root/counter/contracts/count.input.schema.json", """
            {
              "description": "Counts calls.",
              "type": "object",
              "properties": { "idempotency_key": { "type": "string" } },
              "required": ["idempotency_key"],
              "additionalProperties": false
            }
            """);
        _temp.Write("root/counter/contracts/count.output.schema.json", """{"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}""");
        _temp.Write("root/counter/contracts/examples/count/once.json", """{"input": {"idempotency_key": "k1"}, "output": {"ok": true}}""");

        // Ignores its key: every call appends a line.
        _temp.Write("root/counter/scripts/count.py", "import json, sys\njson.loads(sys.stdin.read())\nopen('calls.log', 'a').write('call\\n')\nprint(json.dumps({'ok': True}))\n");

        var report = await new SkillContractRunner().RunAsync(_temp.PathOf("root"), Ct);

        var result = Assert.Single(report.Results);
        Assert.True(result.Failed);
        Assert.Equal("contracts/examples/count/once.json: the repeat with the same idempotency key had a second side effect: calls.log changed", result.Message);
    }

    [Fact]
    public async Task RunAsync_ScriptThatCrashes_FailsNamingTheExitCodeAndStderr()
    {
        ScriptSkills.RequirePython();
        var skill = _temp.AddSkill("echo", under: "root");
        _temp.AddEchoContract(Path.GetRelativePath(_temp.Root, skill));

        // TempSkills' echo script reads sys.argv[1], which the runner never passes (stdin only): IndexError, exit 1, no error object.
        var report = await new SkillContractRunner().RunAsync(_temp.PathOf("root"), Ct);

        Assert.Equal(2, report.FailedCount);
        var hello = Assert.Single(report.Results, r => r.Example == "hello");
        Assert.Contains("contracts/examples/echo_text/hello.json: The tool failed (exit code 1) without a well-formed error object.", hello.Message, StringComparison.Ordinal);
        Assert.Contains("IndexError", hello.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InvalidSkillAndToolWithoutExamples_FailedAndSkippedRows()
    {
        _temp.AddSkill("Bad_Name", under: "root");
        _temp.AddSkill("quiet", under: "root");
        _temp.Write("root/quiet/contracts/noop.input.schema.json", TempSkills.EchoInputSchema);
        _temp.Write("root/quiet/contracts/noop.output.schema.json", TempSkills.EchoOutputSchema);
        _temp.Write("root/quiet/scripts/noop.py", "print('{}')\n");

        var report = await new SkillContractRunner().RunAsync(_temp.PathOf("root"), Ct);

        Assert.Equal(2, report.SkillCount);
        var bad = Assert.Single(report.Results, r => r.Skill == "Bad_Name");
        Assert.True(bad.Failed);
        Assert.Contains("SKILL.md", bad.Message, StringComparison.Ordinal);
        var skipped = Assert.Single(report.Results, r => r.Skill == "quiet");
        Assert.Equal((ContractExampleOutcome.Skipped, "noop"), (skipped.Outcome, skipped.Tool));
        Assert.False(report.Succeeded);
    }

    [Fact]
    public async Task RunAsync_FolderWithoutSkills_ReportsNoSkillsAndDoesNotSucceed()
    {
        Directory.CreateDirectory(_temp.PathOf("empty"));

        var report = await new SkillContractRunner().RunAsync(_temp.PathOf("empty"), Ct);

        Assert.Equal(0, report.SkillCount);
        Assert.Empty(report.Results);
        Assert.False(report.Succeeded);
        Assert.Null(report.Isolation);
    }
}
