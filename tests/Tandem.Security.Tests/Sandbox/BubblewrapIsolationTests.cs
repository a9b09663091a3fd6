using Tandem.Security.Sandbox;

namespace Tandem.Security.Tests.Sandbox;

/// <summary>What only the bubblewrap mode enforces. Every test skips, with the probe's reason, when bwrap does not work here.</summary>
public sealed class BubblewrapIsolationTests : IDisposable
{
    private readonly TestWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ISandbox Create(bool network = false, IReadOnlyList<string>? hidden = null, IReadOnlyList<string>? readOnly = null) =>
        TestWorkspace.CreateOrSkip(new SandboxOptions
        {
            WorkspaceRoot = _ws.Root,
            Isolation = IsolationMode.Bubblewrap,
            AllowNetwork = network,
            HiddenPaths = hidden ?? [],
            ReadOnlyPaths = readOnly ?? [],
        });

    [Fact]
    public async Task RunAsync_WriteToRoot_ReadOnlyFileSystem()
    {
        var sandbox = Create();
        var name = "tandem-sbx-" + Guid.NewGuid().ToString("N");

        var etc = await sandbox.RunAsync(new SandboxCommand("touch", ["/etc/" + name]), Ct);
        var varTmp = await sandbox.RunAsync(new SandboxCommand("touch", ["/var/tmp/" + name]), Ct);

        Assert.NotEqual(0, etc.ExitCode);
        Assert.Contains("Read-only file system", etc.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, varTmp.ExitCode);
        Assert.False(File.Exists("/etc/" + name));
        Assert.False(File.Exists("/var/tmp/" + name));
    }

    [Fact]
    public async Task RunAsync_WritesOutsideWorkspace_NeverReachTheHost()
    {
        var sandbox = Create();
        var outsideFile = Path.Combine(_ws.Outside, "written");
        var tmpFile = "/tmp/tandem-sbx-" + Guid.NewGuid().ToString("N");

        // The workspace and its parent live under /tmp, which is a private tmpfs inside: writes there land in it and vanish.
        var result = await sandbox.RunAsync(
            new SandboxCommand("/bin/sh", ["-c", "echo in > \"$HOME/inside\"; mkdir -p \"$1\" && echo out > \"$2\"; echo tmp > \"$3\"; cat \"$3\"", "sh", _ws.Outside, outsideFile, tmpFile]),
            Ct);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("tmp\n", result.StandardOutput);
        Assert.Equal("in\n", await File.ReadAllTextAsync(Path.Combine(_ws.Root, "inside"), Ct));
        Assert.False(File.Exists(outsideFile));
        Assert.False(File.Exists(tmpFile));
    }

    [Fact]
    public async Task RunAsync_NetworkNotGranted_OnlyLoopback()
    {
        var sandbox = Create();

        var result = await sandbox.RunAsync(new SandboxCommand("cat", ["/proc/net/dev"]), Ct);

        Assert.Equal(["lo"], Interfaces(result.StandardOutput));
        Assert.Contains("no network", sandbox.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NetworkNotGranted_ConnectFails()
    {
        var sandbox = Create();
        var python = "/usr/bin/python3";
        if (!File.Exists(python))
        {
            Assert.Skip("/usr/bin/python3 not found: the connect test uses it.");
        }

        var result = await sandbox.RunAsync(
            new SandboxCommand(python, ["-c", "import socket; s = socket.socket(); s.settimeout(3); s.connect(('192.0.2.1', 80))"]), Ct);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Network is unreachable", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NetworkGranted_HostInterfacesVisible()
    {
        var host = Interfaces(await File.ReadAllTextAsync("/proc/net/dev", Ct));
        if (host.SequenceEqual(["lo"]))
        {
            Assert.Skip("this host has no interface besides lo: granting the network would look the same as denying it.");
        }

        var sandbox = Create(network: true);

        var result = await sandbox.RunAsync(new SandboxCommand("cat", ["/proc/net/dev"]), Ct);

        Assert.Equal(host, Interfaces(result.StandardOutput));
    }

    [Fact]
    public async Task RunAsync_HiddenPath_EmptyInside()
    {
        if (!Directory.Exists("/var/tmp"))
        {
            Assert.Skip("/var/tmp does not exist: the hidden-path test needs a writable directory outside /tmp.");
        }

        var secrets = Directory.CreateTempSubdirectory("tandem-sbx-hidden-").FullName;
        try
        {
            // CreateTempSubdirectory uses /tmp; move the directory next to /var/tmp so it is not already hidden by the private /tmp.
            var visible = Path.Combine("/var/tmp", Path.GetFileName(secrets));
            Directory.Move(secrets, visible);
            secrets = visible;
            await File.WriteAllTextAsync(Path.Combine(secrets, "secret.txt"), "canary", Ct);

            var plain = await Create().RunAsync(new SandboxCommand("cat", [Path.Combine(secrets, "secret.txt")]), Ct);
            var hidden = await Create(hidden: [secrets]).RunAsync(new SandboxCommand("cat", [Path.Combine(secrets, "secret.txt")]), Ct);

            Assert.Equal("canary", plain.StandardOutput);
            Assert.NotEqual(0, hidden.ExitCode);
            Assert.DoesNotContain("canary", hidden.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(secrets, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_ReadOnlyPaths_BoundReadOnly()
    {
        Directory.CreateDirectory(Path.Combine(_ws.Root, "contracts"));
        await File.WriteAllTextAsync(Path.Combine(_ws.Outside, "data.txt"), "data", Ct);
        var sandbox = Create(readOnly: [Path.Combine(_ws.Root, "contracts"), _ws.Outside]);

        // The outside dir (under /tmp, otherwise invisible) is readable; a read-only part of the workspace is not writable.
        var result = await sandbox.RunAsync(
            new SandboxCommand("/bin/sh", ["-c", "cat \"$1\"; touch contracts/x || echo refused; touch ok && echo wrote", "sh", Path.Combine(_ws.Outside, "data.txt")]), Ct);

        Assert.Equal("datarefused\nwrote\n", result.StandardOutput);
        Assert.False(File.Exists(Path.Combine(_ws.Root, "contracts", "x")));
    }

    [Fact]
    public async Task RunAsync_DoubleForkedOrphanInNewSession_KilledWithThePidNamespace()
    {
        var sandbox = TestWorkspace.CreateOrSkip(new SandboxOptions
        {
            WorkspaceRoot = _ws.Root,
            Isolation = IsolationMode.Bubblewrap,
            Limits = new SandboxLimits { WallTime = TimeSpan.FromSeconds(1) },
        });
        var orphan = TestWorkspace.UniqueSleep();

        // The subshell exits at once, so the setsid'd sleep is reparented: no tree, no session links it to the run.
        var result = await sandbox.RunAsync(
            new SandboxCommand("/bin/sh", ["-c", "(setsid sleep \"$1\" >/dev/null 2>&1 &); echo forked", "sh", orphan]), Ct);

        Assert.Equal("forked\n", result.StandardOutput);
        Assert.Empty(await ProcScan.AliveAfterGraceAsync(orphan, Ct));
    }

    [Fact]
    public async Task RunAsync_Capabilities_AllDropped()
    {
        var sandbox = Create();

        var result = await sandbox.RunAsync(new SandboxCommand("grep", ["^CapEff:", "/proc/self/status"]), Ct);

        Assert.Equal("CapEff:\t0000000000000000\n", result.StandardOutput);
    }

    [Fact]
    public async Task RunAsync_ProcessesOutsideTheSandbox_Invisible()
    {
        var sandbox = Create();

        var result = await sandbox.RunAsync(new SandboxCommand("/bin/sh", ["-c", "ls /proc | grep -c '^[0-9]'"]), Ct);

        // bwrap's init, the shell, ls and grep (perhaps fewer by the time ls reads): never this host's processes.
        Assert.InRange(int.Parse(result.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture), 1, 6);
    }

    private static List<string> Interfaces(string procNetDev) =>
        [.. procNetDev.Split('\n').Skip(2).Where(l => l.Contains(':', StringComparison.Ordinal)).Select(l => l.Split(':')[0].Trim()).Order(StringComparer.Ordinal)];
}
