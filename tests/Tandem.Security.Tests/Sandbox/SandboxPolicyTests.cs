using Tandem.Security.Sandbox;

namespace Tandem.Security.Tests.Sandbox;

public sealed class SandboxPolicyTests : IDisposable
{
    private readonly TestWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private SandboxPolicy Policy(IReadOnlyList<string>? allowlist = null) =>
        SandboxPolicy.Create(new SandboxOptions { WorkspaceRoot = _ws.Root, EnvironmentAllowlist = allowlist ?? SandboxOptions.DefaultEnvironmentAllowlist });

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("../outside/file")]
    [InlineData("sub/../../outside")]
    [InlineData("/etc/passwd")]
    [InlineData("/tmp")]
    public void ResolvePath_EscapingPath_Refused(string path)
    {
        var policy = Policy();

        var ex = Assert.Throws<SandboxRefusedException>(() => policy.ResolvePath(path));

        Assert.Equal(path, ex.Path);
        Assert.Contains("outside the workspace", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvePath_SymlinkPointingOutside_Refused()
    {
        File.CreateSymbolicLink(Path.Combine(_ws.Root, "etc"), "/etc");
        File.CreateSymbolicLink(Path.Combine(_ws.Root, "up"), "..");
        Directory.CreateDirectory(Path.Combine(_ws.Root, "sub"));
        File.CreateSymbolicLink(Path.Combine(_ws.Root, "sub", "chain"), "../up/outside");
        var policy = Policy();

        foreach (var path in new[] { "etc/passwd", "etc", "up/outside/x", "sub/chain", "sub/chain/new-file" })
        {
            var ex = Assert.Throws<SandboxRefusedException>(() => policy.ResolvePath(path));
            Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ResolvePath_LinkThenDotDot_FollowsTheLinkLikeTheKernel()
    {
        // Lexically "deep/link/../x" is "deep/x", inside; the kernel resolves link first, then "..": outside.
        Directory.CreateDirectory(Path.Combine(_ws.Root, "deep"));
        File.CreateSymbolicLink(Path.Combine(_ws.Root, "deep", "link"), _ws.Outside);
        var policy = Policy();

        Assert.Throws<SandboxRefusedException>(() => policy.ResolvePath("deep/link/../x"));
    }

    [Fact]
    public void ResolvePath_PathsInside_ResolvedToCanonicalAbsolute()
    {
        Directory.CreateDirectory(Path.Combine(_ws.Root, "a"));
        Directory.CreateDirectory(Path.Combine(_ws.Root, "b"));
        File.CreateSymbolicLink(Path.Combine(_ws.Root, "to-b"), "b");
        var policy = Policy();

        Assert.Equal(Path.Combine(policy.WorkspaceRoot, "b", "f"), policy.ResolvePath("a/../b/f"));
        Assert.Equal(Path.Combine(policy.WorkspaceRoot, "b", "f"), policy.ResolvePath("to-b/f"));
        Assert.Equal(Path.Combine(policy.WorkspaceRoot, "new.txt"), policy.ResolvePath(Path.Combine(_ws.Root, "new.txt")));
        Assert.Equal(policy.WorkspaceRoot, policy.ResolvePath("."));
    }

    [Fact]
    public void ResolvePath_EmptyOrNul_Refused()
    {
        var policy = Policy();

        Assert.False(policy.TryResolvePath("", out _, out var empty));
        Assert.False(policy.TryResolvePath("a\0b", out _, out var nul));
        Assert.NotNull(empty);
        Assert.NotNull(nul);
    }

    [Fact]
    public void Create_WorkspaceBehindSymlink_RootIsCanonical()
    {
        var link = Path.Combine(_ws.Base, "ws-link");
        File.CreateSymbolicLink(link, _ws.Root);

        var policy = SandboxPolicy.Create(new SandboxOptions { WorkspaceRoot = link });

        Assert.Equal(WorkspacePaths.Canonicalize(_ws.Root), policy.WorkspaceRoot);
    }

    [Fact]
    public void Create_BadWorkspace_Throws()
    {
        Assert.Throws<ArgumentException>(() => SandboxPolicy.Create(new SandboxOptions { WorkspaceRoot = Path.Combine(_ws.Base, "missing") }));
        Assert.Throws<ArgumentException>(() => SandboxPolicy.Create(new SandboxOptions { WorkspaceRoot = "/" }));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            SandboxPolicy.Create(new SandboxOptions { WorkspaceRoot = _ws.Root, Limits = new SandboxLimits { WallTime = TimeSpan.Zero } }));
        Assert.Throws<ArgumentException>(() =>
            SandboxPolicy.Create(new SandboxOptions { WorkspaceRoot = _ws.Root, HiddenPaths = [_ws.Root] }));
    }

    [Fact]
    public void Create_SecretNamesAllowlisted_RefusedWithDiagnostic()
    {
        var policy = Policy(["PATH", "OPENAI_API_KEY", "MY_SECRET_TOKEN", "db_password", "AWS_CREDENTIALS", "GH_TOKEN*", "LANG"]);

        Assert.Equal(["PATH", "LANG"], policy.EnvironmentAllowlist);
        Assert.Equal(["OPENAI_API_KEY", "MY_SECRET_TOKEN", "db_password", "AWS_CREDENTIALS", "GH_TOKEN*"], policy.RefusedEnvironmentNames);
        Assert.Equal(5, policy.Diagnostics.Count);
        Assert.Contains(policy.Diagnostics, d => d.Contains("'OPENAI_API_KEY' refused", StringComparison.Ordinal) && d.Contains("'KEY'", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_MalformedAllowlistEntry_Throws()
    {
        Assert.Throws<ArgumentException>(() => Policy(["A=B"]));
        Assert.Throws<ArgumentException>(() => Policy(["LC_*_X"]));
        Assert.Throws<ArgumentException>(() => Policy([""]));
    }

    [Fact]
    public void BuildEnvironment_Defaults_HomeIsWorkspaceAndTmpdirIsTheRunsAndNothingElse()
    {
        var policy = Policy();
        var diagnostics = new List<string>();

        var environment = policy.BuildEnvironment(null, "/tmp/run-temp", diagnostics);

        Assert.Equal(policy.WorkspaceRoot, environment["HOME"]);
        Assert.Equal("/tmp/run-temp", environment["TMPDIR"]);
        Assert.True(environment.ContainsKey("PATH"));
        Assert.All(environment.Keys, name => Assert.Contains(name, SandboxOptions.DefaultEnvironmentAllowlist));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void BuildEnvironment_WildcardAndExplicitSecretNames_DroppedWithDiagnostics()
    {
        var policy = Policy(["PATH", "TANDEM_SBXTEST_*"]);
        var diagnostics = new List<string>();
        var variables = new Dictionary<string, string> { ["GITHUB_TOKEN"] = "ghp_x", ["TOOL_MODE"] = "fast" };
        Environment.SetEnvironmentVariable("TANDEM_SBXTEST_API_KEY_POLICY", "canary");
        Environment.SetEnvironmentVariable("TANDEM_SBXTEST_PLAIN_POLICY", "plain");
        try
        {
            var environment = policy.BuildEnvironment(variables, "/tmp/x", diagnostics);

            Assert.False(environment.ContainsKey("TANDEM_SBXTEST_API_KEY_POLICY"));
            Assert.False(environment.ContainsKey("GITHUB_TOKEN"));
            Assert.Equal("plain", environment["TANDEM_SBXTEST_PLAIN_POLICY"]);
            Assert.Equal("fast", environment["TOOL_MODE"]);
            Assert.False(environment.ContainsKey("HOME"));
            Assert.Contains(diagnostics, d => d.Contains("'TANDEM_SBXTEST_API_KEY_POLICY'", StringComparison.Ordinal));
            Assert.Contains(diagnostics, d => d.Contains("'GITHUB_TOKEN'", StringComparison.Ordinal));
            Assert.DoesNotContain(diagnostics, d => d.Contains("canary", StringComparison.Ordinal) || d.Contains("ghp_x", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TANDEM_SBXTEST_API_KEY_POLICY", null);
            Environment.SetEnvironmentVariable("TANDEM_SBXTEST_PLAIN_POLICY", null);
        }
    }

    [Theory]
    [InlineData("OPENAI_API_KEY", "KEY")]
    [InlineData("my_secret_token", "SECRET")]
    [InlineData("PGPASSWORD", "PASSWORD")]
    [InlineData("Credentials_File", "CREDENTIAL")]
    [InlineData("HF_TOKEN", "TOKEN")]
    [InlineData("PATH", null)]
    [InlineData("LANG", null)]
    public void SecretNames_Match_CaseInsensitive(string name, string? word) => Assert.Equal(word, SecretNames.Match(name));

    [Fact]
    public void ProcStat_CommandWithParenthesesAndSpaces_Parsed()
    {
        var stat = ProcStat.Parse(42, "42 (a) b (c)) S 7 42 40 0 -1 4194560");

        Assert.Equal(new ProcStat(42, 'S', 7, 42, 40), stat);
    }
}
