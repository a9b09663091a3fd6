using System.Text.Json;
using Tandem.Agents.Tools;
using Tandem.Security.Sandbox;
using Tandem.Skills.Execution;
using Tandem.Skills.Tests.Support;
using Tandem.TestSupport;

namespace Tandem.Skills.Tests.Execution;

/// <summary>
/// A skill script as a runtime tool, run through the real sandbox in each isolation mode (bubblewrap skips where it
/// does not work). The skill lives under /tmp, which bubblewrap replaces with an empty tmpfs: every run here also
/// proves the read-only bind of the skill folder.
/// </summary>
public sealed class SkillScriptToolTests : IDisposable
{
    private const string Canary = "CANARY-RAW-7f3a91";

    // One script, many behaviours: the mode argument picks how it ends.
    private const string ProbeScript = """
        import json, os, sys, time
        args = json.loads(sys.stdin.read())
        mode = args["mode"]
        if mode == "valid":
            print(json.dumps({"text": os.getcwd(), "length": len(args["mode"])}))
        elif mode == "invalid":
            print(json.dumps({"text": "CANARY-RAW-7f3a91", "length": "CANARY-RAW-7f3a91"}))
        elif mode == "not_json":
            print("CANARY-RAW-7f3a91 is not JSON")
        elif mode == "two_objects":
            print(json.dumps({"text": "a", "length": 1}))
            print(json.dumps({"text": "CANARY-RAW-7f3a91", "length": 1}))
        elif mode == "error":
            print(json.dumps({"error": {"code": "nothing_found", "message": "Nothing matched the query."}}))
            sys.exit(1)
        elif mode == "bad_error":
            print("CANARY-RAW-7f3a91")
            sys.exit(1)
        elif mode == "crash":
            sys.stderr.write("Traceback (most recent call last): CANARY-RAW-7f3a91\n")
            sys.exit(3)
        elif mode == "hang":
            time.sleep(120)
        elif mode == "flood":
            while True:
                sys.stdout.write("CANARY-RAW-7f3a91" * 1000)
        """;

    private const string ProbeInput = """
        {
          "description": "Ends the way the mode says.",
          "type": "object",
          "properties": { "mode": { "type": "string" } },
          "required": ["mode"],
          "additionalProperties": false
        }
        """;

    private readonly TempSkills _temp = new();
    private readonly string _workspace;

    public SkillScriptToolTests()
    {
        _temp.AddSkill("probe", under: "root");
        _temp.Write("root/probe/contracts/probe_tool.input.schema.json", ProbeInput);
        _temp.Write("root/probe/contracts/probe_tool.output.schema.json", TempSkills.EchoOutputSchema);
        _temp.Write("root/probe/contracts/examples/probe_tool/valid.json", """{"input":{"mode":"valid"},"output":{"text":"/","length":5}}""");
        _temp.Write("root/probe/scripts/probe_tool.py", ProbeScript);
        _workspace = Directory.CreateDirectory(_temp.PathOf("workspace")).FullName;
    }

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(SkillScriptTool Tool, ListLogger Log)> ProbeAsync(IsolationMode isolation, SandboxLimits? limits = null)
    {
        ScriptSkills.RequirePython();
        var catalog = await ScriptSkills.LoadAsync(_temp.PathOf("root"));
        var skill = Assert.Single(catalog.Skills);
        var sandbox = ScriptSkills.Sandbox(_workspace, isolation, SkillToolset.ReadOnlyPathsFor(catalog), limits);
        var log = new ListLogger();
        return (new SkillScriptTool(skill, Assert.Single(skill.Contracts), sandbox, log), log);
    }

    private static Task<ToolResult> CallAsync(SkillScriptTool tool, string mode)
    {
        var arguments = JsonSerializer.Serialize(new { mode });
        using var doc = JsonDocument.Parse(arguments);
        return tool.InvokeAsync(new ToolCall("run_1", "call_1", tool.Definition.Name, arguments, doc.RootElement.Clone()), Ct).AsTask();
    }

    private static (string Code, string? Message) ReadError(ToolResult result)
    {
        Assert.True(result.IsError, result.Output);
        using var doc = JsonDocument.Parse(result.Output);
        var error = doc.RootElement.GetProperty("error");
        return (error.GetProperty("code").GetString()!, error.TryGetProperty("message", out var m) ? m.GetString() : null);
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task InvokeAsync_OutputMatchingTheContract_ReturnsTheOutputRunInTheWorkspace(IsolationMode isolation)
    {
        var (tool, _) = await ProbeAsync(isolation);

        var result = await CallAsync(tool, "valid");

        Assert.False(result.IsError, result.Output);
        using var doc = JsonDocument.Parse(result.Output);
        Assert.Equal(5, doc.RootElement.GetProperty("length").GetInt32()); // the arguments arrived on stdin
        Assert.Equal(WorkspaceRoot(), doc.RootElement.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess, "invalid")]
    [InlineData(IsolationMode.Subprocess, "not_json")]
    [InlineData(IsolationMode.Subprocess, "two_objects")]
    [InlineData(IsolationMode.Bubblewrap, "invalid")]
    [InlineData(IsolationMode.Bubblewrap, "not_json")]
    public async Task InvokeAsync_OutputNotMatchingTheContract_GenericErrorAndTheRawOutputIsNotForwarded(IsolationMode isolation, string mode)
    {
        // S4: the model learns only that the output broke the contract; what the script printed stays out of the run.
        var (tool, log) = await ProbeAsync(isolation);

        var result = await CallAsync(tool, mode);

        var (code, message) = ReadError(result);
        Assert.Equal(SkillToolErrors.InvalidOutputCode, code);
        Assert.Equal("The tool returned output that does not match its contract.", message);
        Assert.DoesNotContain(Canary, result.Output, StringComparison.Ordinal);
        Assert.Contains("contracts/probe_tool.output.schema.json", log.Text, StringComparison.Ordinal);
        if (mode == "invalid")
        {
            // The details go to the log: which schema rule the output broke.
            Assert.Contains("/properties/length/type", log.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task InvokeAsync_ScriptReportsAnError_ToolErrorWithItsCodeAndMessage(IsolationMode isolation)
    {
        var (tool, _) = await ProbeAsync(isolation);

        var result = await CallAsync(tool, "error");

        Assert.Equal(("nothing_found", "Nothing matched the query."), ReadError(result));
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess, "crash", SkillToolErrors.CrashedCode, "exit code 3")]
    [InlineData(IsolationMode.Subprocess, "bad_error", SkillToolErrors.CrashedCode, "exit code 1")]
    [InlineData(IsolationMode.Bubblewrap, "crash", SkillToolErrors.CrashedCode, "exit code 3")]
    public async Task InvokeAsync_ScriptCrashes_GenericErrorNamingTheExitCodeNeverItsOutput(IsolationMode isolation, string mode, string expectedCode, string named)
    {
        var (tool, log) = await ProbeAsync(isolation);

        var result = await CallAsync(tool, mode);

        var (code, message) = ReadError(result);
        Assert.Equal(expectedCode, code);
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, result.Output, StringComparison.Ordinal);
        Assert.Contains(named, log.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task InvokeAsync_ScriptHangs_TimedOutAtTheSandboxWallTimeLimit(IsolationMode isolation)
    {
        var (tool, _) = await ProbeAsync(isolation, new SandboxLimits { WallTime = TimeSpan.FromSeconds(1) });
        var started = TimeProvider.System.GetTimestamp();

        var result = await CallAsync(tool, "hang");

        var (code, message) = ReadError(result);
        Assert.Equal(SkillToolErrors.TimedOutCode, code);
        Assert.Contains("timed out", message, StringComparison.Ordinal);
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task InvokeAsync_ScriptWritesWithoutEnd_StoppedAtTheOutputLimitWithoutItsOutput(IsolationMode isolation)
    {
        var (tool, _) = await ProbeAsync(isolation, new SandboxLimits { MaxOutputBytes = 64 * 1024 });

        var result = await CallAsync(tool, "flood");

        var (code, _) = ReadError(result);
        Assert.Equal(SkillToolErrors.OutputLimitCode, code);
        Assert.DoesNotContain(Canary, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_ScriptEditedAfterLoading_IsNotRun()
    {
        var (tool, log) = await ProbeAsync(IsolationMode.Subprocess);
        var marker = Path.Combine(_workspace, "ran");
        _temp.Write("root/probe/scripts/probe_tool.py", $"open({JsonSerializer.Serialize(marker)}, 'w').write('x')\n");

        var result = await CallAsync(tool, "valid");

        Assert.Equal(SkillToolErrors.UnavailableCode, ReadError(result).Code);
        Assert.False(File.Exists(marker));
        Assert.Contains("not", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_SandboxWithoutTheSkillFolderReadOnly_IsRefused()
    {
        var catalog = await ScriptSkills.LoadAsync(_temp.PathOf("root"));
        var skill = Assert.Single(catalog.Skills);
        var sandbox = Sandboxes.Create(new SandboxOptions { WorkspaceRoot = _workspace, Isolation = IsolationMode.Subprocess });

        var ex = Assert.Throws<ArgumentException>(() => new SkillScriptTool(skill, Assert.Single(skill.Contracts), sandbox));

        Assert.Contains("ReadOnlyPaths", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Definition_RepositorySkills_SideEffectReplayAndTaintFollowTheContract()
    {
        var catalog = await ScriptSkills.LoadAsync(Path.Combine(Fixtures.Root, "skills"));
        var sandbox = Sandboxes.Create(new SandboxOptions
        {
            WorkspaceRoot = _workspace,
            Isolation = IsolationMode.Subprocess,
            ReadOnlyPaths = SkillToolset.ReadOnlyPathsFor(catalog),
            Limits = new SandboxLimits { WallTime = TimeSpan.FromSeconds(7) },
        });
        SkillScriptTool Tool(string skill, string name)
        {
            Assert.True(catalog.TryGet(skill, out var s));
            return new SkillScriptTool(s, s.Contracts.Single(c => c.ToolName == name), sandbox);
        }

        var search = Tool("repo-search", "search_files").Definition;
        var file = Tool("ticket-filing", "file_ticket").Definition;

        // Reads files: untrusted output, no side effect, safe to run again.
        Assert.Equal((SideEffect.Read, true, true), (search.SideEffect, search.ReplaySafe, search.UntrustedOutput));

        // Files a ticket: a retried turn would have the model call again with a new key, so not replay-safe.
        Assert.Equal((SideEffect.Write, false, true), (file.SideEffect, file.ReplaySafe, file.UntrustedOutput));
        Assert.True(file.Strict);

        // The sandbox's wall time, not the runtime's timeout, ends a run.
        Assert.True(file.Timeout > TimeSpan.FromSeconds(7));
        new ToolRegistry().Add(Tool("repo-search", "search_files")).Add(Tool("ticket-filing", "file_ticket"));
    }

    private string WorkspaceRoot() => Path.GetFullPath(_workspace);
}
