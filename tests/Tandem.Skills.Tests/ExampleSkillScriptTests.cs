using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Tandem.Skills.Contracts;
using Tandem.TestSupport;

namespace Tandem.Skills.Tests;

/// <summary>
/// Runs the example skills' scripts the way the contract runner will (interpreter and script as argv,
/// arguments on stdin, a fresh workspace as the working directory, an empty environment) — outside
/// the sandbox, to prove the shipped examples are true. Skipped where python3 is not installed.
/// </summary>
public sealed class ExampleSkillScriptTests
{
    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var result in SkillValidator.ValidateAllAsync(Path.Combine(Fixtures.Root, "skills"), strict: true, CancellationToken.None).GetAwaiter().GetResult())
        {
            foreach (var example in result.Skill?.Contracts.SelectMany(c => c.Examples) ?? [])
            {
                data.Add(result.FolderName, example.File);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Script_ContractExample_ProducesTheExpectedOutputOrError(string skillName, string exampleFile)
    {
        var (skill, contract, example) = await FindAsync(skillName, exampleFile);
        using var workspace = new Workspace(example.Workspace);

        var run = await RunAsync(skill, contract, workspace.Path, example.Input.GetRawText());

        if (example.Error is { } error)
        {
            Assert.Equal(1, run.ExitCode);
            Assert.Equal(error.Code, run.Json.GetProperty("error").GetProperty("code").GetString());
            return;
        }

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(contract.ValidateOutput(run.Json));
        Assert.Null(example.FindOutputMismatch(run.Json));
        if (contract.HasIdempotencyKey)
        {
            // The same idempotency key again: the same output and not one byte of the workspace changed.
            var before = workspace.Snapshot();
            var again = await RunAsync(skill, contract, workspace.Path, example.Input.GetRawText());
            Assert.Null(example.FindOutputMismatch(again.Json));
            Assert.Equal(before, workspace.Snapshot());
        }
    }

    [Fact]
    public async Task FileTicket_SameKeyWithDifferentArguments_IsAConflict()
    {
        var (skill, contract, _) = await FindAsync("ticket-filing", "contracts/examples/file_ticket/bug-report.json");
        using var workspace = new Workspace(new Dictionary<string, string>());
        await RunAsync(skill, contract, workspace.Path, """{"title":"A","body":"","priority":"low","labels":[],"idempotency_key":"k"}""");

        var conflict = await RunAsync(skill, contract, workspace.Path, """{"title":"B","body":"","priority":"low","labels":[],"idempotency_key":"k"}""");

        Assert.Equal(1, conflict.ExitCode);
        Assert.Equal("idempotency_conflict", conflict.Json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task FileTicket_ConcurrentRepeatsOfOneKey_FileOneTicket()
    {
        var (skill, contract, _) = await FindAsync("ticket-filing", "contracts/examples/file_ticket/bug-report.json");
        using var workspace = new Workspace(new Dictionary<string, string>());
        const string Request = """{"title":"Race","body":"","priority":"normal","labels":[],"idempotency_key":"same"}""";

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RunAsync(skill, contract, workspace.Path, Request)));
        var next = await RunAsync(skill, contract, workspace.Path, """{"title":"Next","body":"","priority":"normal","labels":[],"idempotency_key":"other"}""");

        Assert.All(runs, r => Assert.Equal("TCK-000001", r.Json.GetProperty("ticket_id").GetString()));
        Assert.Equal("TCK-000002", next.Json.GetProperty("ticket_id").GetString());
    }

    [Fact]
    public async Task SearchFiles_LinkOutOfTheWorkspace_IsNotFollowed()
    {
        var (skill, contract, _) = await FindAsync("repo-search", "contracts/examples/search_files/path-outside-workspace.json");
        using var outside = new Workspace(new Dictionary<string, string> { ["secret.txt"] = "canary-7f3a" });
        using var workspace = new Workspace(new Dictionary<string, string> { ["a.txt"] = "nothing here" });
        Directory.CreateSymbolicLink(System.IO.Path.Combine(workspace.Path, "linked"), outside.Path);
        File.CreateSymbolicLink(System.IO.Path.Combine(workspace.Path, "secret-link.txt"), System.IO.Path.Combine(outside.Path, "secret.txt"));

        var all = await RunAsync(skill, contract, workspace.Path, """{"pattern":"canary","literal":true,"case_sensitive":true,"path":null,"glob":null,"max_results":null}""");
        var viaLink = await RunAsync(skill, contract, workspace.Path, """{"pattern":"canary","literal":true,"case_sensitive":true,"path":"linked","glob":null,"max_results":null}""");

        Assert.Equal(0, all.Json.GetProperty("matches").GetArrayLength());
        Assert.Equal("path_outside_workspace", viaLink.Json.GetProperty("error").GetProperty("code").GetString());
    }

    private static async Task<(Skill Skill, SkillContract Contract, ContractExample Example)> FindAsync(string skillName, string exampleFile)
    {
        if (FindPython() is null)
        {
            Assert.Skip("python3 is not installed.");
        }

        var results = await SkillValidator.ValidateAllAsync(Path.Combine(Fixtures.Root, "skills", skillName), strict: true, TestContext.Current.CancellationToken);
        var skill = Assert.Single(results).Skill!;
        var contract = skill.Contracts.Single(c => c.Examples.Any(e => e.File == exampleFile));
        return (skill, contract, contract.Examples.Single(e => e.File == exampleFile));
    }

    private static async Task<(int ExitCode, JsonElement Json)> RunAsync(Skill skill, SkillContract contract, string workspace, string input)
    {
        var start = new ProcessStartInfo(FindPython()!)
        {
            WorkingDirectory = workspace,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(skill.Directory, contract.Script!));
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var output = await stdout;
        Assert.True(output.Length > 0, "no output; stderr: " + await stderr);
        using var doc = JsonDocument.Parse(output);
        return (process.ExitCode, doc.RootElement.Clone());
    }

    private static string? FindPython() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "python3"))
            .FirstOrDefault(File.Exists);

    /// <summary>A fresh workspace seeded with an example's files; its snapshot hashes every file, hidden ones included.</summary>
    private sealed class Workspace : IDisposable
    {
        public Workspace(IReadOnlyDictionary<string, string> files)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tandem-ws-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
            foreach (var (relative, text) in files)
            {
                var full = System.IO.Path.Combine(Path, relative);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text);
            }
        }

        public string Path { get; }

        public string Snapshot() => string.Join('\n', Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => f + " " + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))));

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
