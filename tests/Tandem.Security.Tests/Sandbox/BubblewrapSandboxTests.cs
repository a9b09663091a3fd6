using Microsoft.Extensions.Logging.Abstractions;
using Tandem.Security.Sandbox;

namespace Tandem.Security.Tests.Sandbox;

/// <summary>The bwrap command line, checked without running it (so it is covered where bwrap does not work too).</summary>
public sealed class BubblewrapSandboxTests : IDisposable
{
    private static readonly SandboxHostCapabilities s_host = new()
    {
        BubblewrapPath = "/usr/bin/bwrap",
        BubblewrapWorks = true,
        BubblewrapStatus = "works: test double",
        PrlimitPath = "/usr/bin/prlimit",
        SetsidPath = "/usr/bin/setsid",
    };

    private readonly TestWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private BubblewrapSandbox Create(bool network = false, IReadOnlyList<string>? hidden = null, IReadOnlyList<string>? readOnly = null)
    {
        var policy = SandboxPolicy.Create(new SandboxOptions
        {
            WorkspaceRoot = _ws.Root,
            AllowNetwork = network,
            HiddenPaths = hidden ?? [],
            ReadOnlyPaths = readOnly ?? [],
        });
        return new BubblewrapSandbox(policy, s_host, TimeProvider.System, NullLogger.Instance);
    }

    [Fact]
    public void BuildArguments_Defaults_NoNetworkNoCapabilitiesReadOnlyRootWorkspaceWritable()
    {
        var sandbox = Create();
        var root = sandbox.Policy.WorkspaceRoot;

        var argv = sandbox.BuildArguments(new ResolvedCommand("/bin/true", [], root));

        Assert.Equal(
            [
                "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
                "--bind", root, root, "--chdir", root, "--",
            ],
            argv);
    }

    [Fact]
    public void BuildArguments_NetworkGrantedHiddenAndReadOnlyPaths_InMountOrder()
    {
        var contracts = Directory.CreateDirectory(Path.Combine(_ws.Root, "contracts")).FullName;
        var sandbox = Create(network: true, hidden: [_ws.Outside], readOnly: [contracts]);
        var root = sandbox.Policy.WorkspaceRoot;

        var argv = sandbox.BuildArguments(new ResolvedCommand("/bin/true", [], root));

        Assert.Equal("--share-net", argv[1]);
        var hidden = argv.IndexOf(WorkspacePaths.Canonicalize(_ws.Outside));
        var workspace = argv.IndexOf("--bind");
        var readOnly = argv.LastIndexOf("--ro-bind");
        Assert.Equal("--tmpfs", argv[hidden - 1]);
        Assert.True(argv.IndexOf("/tmp") < hidden && hidden < workspace && workspace < readOnly);
        Assert.Equal(WorkspacePaths.Canonicalize(contracts), argv[readOnly + 1]);
    }

    [Fact]
    public void Description_SaysBubblewrapAndNetwork()
    {
        Assert.Contains("no network", Create().Description, StringComparison.Ordinal);
        Assert.Contains("network granted", Create(network: true).Description, StringComparison.Ordinal);
        Assert.StartsWith("bubblewrap (", Create().Description, StringComparison.Ordinal);
    }
}
