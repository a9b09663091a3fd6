using Tandem.Security.Sandbox;

namespace Tandem.Security.Tests.Sandbox;

/// <summary>
/// S8's environment test. It puts canary secrets in this process's own environment, so it runs alone (its collection
/// is not parallelized): another test reading OPENAI_API_KEY meanwhile must not see the canary.
/// </summary>
[Collection(nameof(ProcessEnvironmentCollection))]
public sealed class SandboxEnvironmentTests : IDisposable
{
    private const string ApiKeyCanary = "sk-tandem-sandbox-canary-4f2a";
    private const string TokenCanary = "tok-tandem-sandbox-canary-9c1e";

    private readonly TestWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_ParentHasSecrets_ChildEnvLacksThem(IsolationMode mode)
    {
        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode));

        var result = await WithCanariesAsync(() => sandbox.RunAsync(new SandboxCommand("/usr/bin/env"), TestContext.Current.CancellationToken));

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("OPENAI_API_KEY", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("MY_SECRET_TOKEN", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKeyCanary, result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenCanary, result.StandardOutput, StringComparison.Ordinal);
        var variables = ParseEnv(result.StandardOutput);
        // PWD is bwrap's own doing (--chdir sets it): the working directory, nothing from this process.
        Assert.All(variables.Keys.Where(name => name != "PWD"), name => Assert.Contains(name, SandboxOptions.DefaultEnvironmentAllowlist));
        if (variables.TryGetValue("PWD", out var pwd))
        {
            Assert.Equal(sandbox.Policy.WorkspaceRoot, pwd);
        }

        Assert.Equal(sandbox.Policy.WorkspaceRoot, variables["HOME"]);
        Assert.True(variables.ContainsKey("PATH"));
        Assert.True(variables.ContainsKey("TMPDIR"));
        Assert.Equal(mode, result.Isolation);
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_SecretNamesAllowlistedOrSetExplicitly_RefusedWithDiagnosticAndNotPassed(IsolationMode mode)
    {
        var options = new SandboxOptions
        {
            WorkspaceRoot = _ws.Root,
            Isolation = mode,
            EnvironmentAllowlist = ["PATH", "HOME", "OPENAI_API_KEY", "MY_SECRET_TOKEN", "MY_*"],
        };
        var sandbox = TestWorkspace.CreateOrSkip(options);
        var command = new SandboxCommand("env")
        {
            Environment = new Dictionary<string, string> { ["GITHUB_TOKEN"] = "ghp_canary", ["TOOL_MODE"] = "fast" },
        };

        var result = await WithCanariesAsync(() => sandbox.RunAsync(command, TestContext.Current.CancellationToken));

        Assert.Equal(["OPENAI_API_KEY", "MY_SECRET_TOKEN"], sandbox.Policy.RefusedEnvironmentNames);
        Assert.Contains(sandbox.Diagnostics, d => d.Contains("'OPENAI_API_KEY' refused", StringComparison.Ordinal));
        Assert.Contains(sandbox.Diagnostics, d => d.Contains("'MY_SECRET_TOKEN' refused", StringComparison.Ordinal));
        // MY_SECRET_TOKEN also matches MY_* at run time, and GITHUB_TOKEN came from the command: both reported in the result.
        Assert.Contains(result.Diagnostics, d => d.Contains("'MY_SECRET_TOKEN' (matched by the allowlist) not passed", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Contains("'GITHUB_TOKEN' set by the command refused", StringComparison.Ordinal));
        var variables = ParseEnv(result.StandardOutput);
        Assert.False(variables.ContainsKey("OPENAI_API_KEY"));
        Assert.False(variables.ContainsKey("MY_SECRET_TOKEN"));
        Assert.False(variables.ContainsKey("GITHUB_TOKEN"));
        Assert.Equal("fast", variables["TOOL_MODE"]);
        Assert.Equal("visible", variables["MY_PLAIN_SETTING"]);
        Assert.DoesNotContain(result.Diagnostics.Concat(sandbox.Diagnostics), d => d.Contains("canary", StringComparison.Ordinal));
    }

    private static async Task<SandboxResult> WithCanariesAsync(Func<Task<SandboxResult>> run)
    {
        var saved = (Environment.GetEnvironmentVariable("OPENAI_API_KEY"), Environment.GetEnvironmentVariable("MY_SECRET_TOKEN"));
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", ApiKeyCanary);
        Environment.SetEnvironmentVariable("MY_SECRET_TOKEN", TokenCanary);
        Environment.SetEnvironmentVariable("MY_PLAIN_SETTING", "visible");
        try
        {
            return await run();
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENAI_API_KEY", saved.Item1);
            Environment.SetEnvironmentVariable("MY_SECRET_TOKEN", saved.Item2);
            Environment.SetEnvironmentVariable("MY_PLAIN_SETTING", null);
        }
    }

    private static Dictionary<string, string> ParseEnv(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "", StringComparer.Ordinal);
}
