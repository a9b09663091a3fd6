using Microsoft.Extensions.Time.Testing;
using Tandem.Security.Sandbox;

namespace Tandem.Security.Tests.Sandbox;

/// <summary>Behaviour both isolation modes share, run against real processes in each (bubblewrap skips when it does not work here).</summary>
public sealed class SandboxRunTests : IDisposable
{
    private readonly TestWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_ShellMetacharactersInArguments_ArriveVerbatim(IsolationMode mode)
    {
        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode));
        var pwned = Path.Combine(_ws.Root, "pwned");
        string[] arguments = ["; rm -rf /", "$(echo x)", "`id`", $"; touch {pwned}", "a b", "*", "'\"", "", "--help", "\\n", "€ ünï"];

        var result = await sandbox.RunAsync(new SandboxCommand("printf", ["[%s]\n", .. arguments.Select(SandboxArgument.Literal)]), Ct);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Concat(arguments.Select(a => $"[{a}]\n")), result.StandardOutput);
        Assert.False(File.Exists(pwned));
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_PathsEscapingWorkspace_RefusedBeforeAnythingRuns(IsolationMode mode)
    {
        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode));
        File.CreateSymbolicLink(Path.Combine(_ws.Root, "escape"), _ws.Outside);
        var ran = Path.Combine(_ws.Root, "ran");

        foreach (var path in new[] { "../../etc/passwd", "/etc/passwd", Path.Combine(_ws.Outside, "f"), "escape/f" })
        {
            // touch would create "ran" first if it ever started.
            var command = new SandboxCommand("touch", [SandboxArgument.WorkspacePath("ran"), SandboxArgument.WorkspacePath(path)]);
            var ex = await Assert.ThrowsAsync<SandboxRefusedException>(() => sandbox.RunAsync(command, Ct));
            Assert.Equal(path, ex.Path);
            Assert.False(File.Exists(ran), $"something ran for {path}");
        }

        await Assert.ThrowsAsync<SandboxRefusedException>(() => sandbox.RunAsync(new SandboxCommand("touch", ["ran"]) { WorkingDirectory = "../outside" }, Ct));
        await Assert.ThrowsAsync<SandboxRefusedException>(() => sandbox.RunAsync(new SandboxCommand("../outside/tool"), Ct));
        await Assert.ThrowsAsync<SandboxRefusedException>(() => sandbox.RunAsync(new SandboxCommand("no-such-program-tandem"), Ct));
        Assert.False(File.Exists(ran));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_ws.Outside));
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_PathArgumentAndWorkingDirectoryInside_Resolved(IsolationMode mode)
    {
        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode));
        Directory.CreateDirectory(Path.Combine(_ws.Root, "sub"));
        await File.WriteAllTextAsync(Path.Combine(_ws.Root, "sub", "in.txt"), "inside\n", Ct);

        var cat = await sandbox.RunAsync(new SandboxCommand("cat", [SandboxArgument.WorkspacePath("sub/../sub/in.txt")]), Ct);
        var pwd = await sandbox.RunAsync(new SandboxCommand("pwd") { WorkingDirectory = "sub" }, Ct);

        Assert.Equal("inside\n", cat.StandardOutput);
        Assert.Equal(Path.Combine(sandbox.Policy.WorkspaceRoot, "sub") + "\n", pwd.StandardOutput);
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_StandardInput_PassedAndClosed(IsolationMode mode)
    {
        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode));

        var echoed = await sandbox.RunAsync(new SandboxCommand("cat") { StandardInput = "{\"q\":\"héllo\"}\n" }, Ct);
        var empty = await sandbox.RunAsync(new SandboxCommand("cat"), Ct);

        Assert.Equal("{\"q\":\"héllo\"}\n", echoed.StandardOutput);
        Assert.True(echoed.Succeeded);
        Assert.Equal("", empty.StandardOutput);
        Assert.Equal(0, empty.ExitCode);
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_ExitCodeAndStderr_Reported(IsolationMode mode)
    {
        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode));

        var result = await sandbox.RunAsync(new SandboxCommand("/bin/sh", ["-c", "echo out; echo err >&2; exit 7"]), Ct);

        Assert.Equal(7, result.ExitCode);
        Assert.Null(result.Signal);
        Assert.Equal("out\n", result.StandardOutput);
        Assert.Equal("err\n", result.StandardError);
        Assert.False(result.Succeeded);
        Assert.Equal(SandboxKillReason.None, result.KillReason);
        Assert.Equal(mode, result.Isolation);
        Assert.Equal(sandbox.Description, result.IsolationDescription);
        Assert.True(result.ProcessId > 0);
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_InfiniteOutput_TruncatedAtLimitAndKilled(IsolationMode mode)
    {
        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode, new SandboxLimits { MaxOutputBytes = 64 * 1024 }));
        var marker = "tandem-yes-" + Guid.NewGuid().ToString("N");

        var result = await sandbox.RunAsync(new SandboxCommand("yes", [marker]), Ct);

        Assert.True(result.StandardOutputTruncated);
        Assert.False(result.StandardErrorTruncated);
        Assert.Equal(SandboxKillReason.OutputLimit, result.KillReason);
        Assert.Equal(9, result.Signal);
        Assert.EndsWith("\n[sandbox: output truncated at 65536 bytes]", result.StandardOutput, StringComparison.Ordinal);
        var kept = result.StandardOutput[..result.StandardOutput.LastIndexOf("\n[sandbox:", StringComparison.Ordinal)];
        Assert.Equal(64 * 1024, System.Text.Encoding.UTF8.GetByteCount(kept));
        Assert.StartsWith(marker + "\n" + marker + "\n", kept, StringComparison.Ordinal);
        Assert.Empty(ProcScan.Alive(marker));
        Assert.False(ProcScan.IsAlive(result.ProcessId));
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_InfiniteStderr_TruncatedAndKilled(IsolationMode mode)
    {
        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode, new SandboxLimits { MaxOutputBytes = 1000 }));

        var result = await sandbox.RunAsync(new SandboxCommand("/bin/sh", ["-c", "echo fine; exec yes err >&2"]), Ct);

        Assert.True(result.StandardErrorTruncated);
        Assert.False(result.StandardOutputTruncated);
        Assert.Equal("fine\n", result.StandardOutput);
        Assert.Equal(SandboxKillReason.OutputLimit, result.KillReason);
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_OutputExactlyAtLimit_NotTruncated(IsolationMode mode)
    {
        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode, new SandboxLimits { MaxOutputBytes = 6 }));

        var result = await sandbox.RunAsync(new SandboxCommand("printf", ["abcdef"]), Ct);

        Assert.Equal("abcdef", result.StandardOutput);
        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_RunawaySleep_KilledAtWallTimeWithItsChildren(IsolationMode mode)
    {
        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode, new SandboxLimits { WallTime = TimeSpan.FromSeconds(1) }));
        var (background, escaped, foreground) = (TestWorkspace.UniqueSleep(), TestWorkspace.UniqueSleep(), TestWorkspace.UniqueSleep());

        // A background child in the same group, one that made itself a new session, and the foreground sleep.
        var result = await sandbox.RunAsync(
            new SandboxCommand("/bin/sh", ["-c", "sleep \"$1\" & setsid sleep \"$2\" & sleep \"$3\"", "sh", background, escaped, foreground]), Ct);

        Assert.True(result.TimedOut);
        Assert.Equal(SandboxKillReason.WallTimeLimit, result.KillReason);
        Assert.Equal(9, result.Signal);
        Assert.InRange(result.Duration, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(15));
        Assert.Empty(ProcScan.Alive(background));
        Assert.Empty(ProcScan.Alive(escaped));
        Assert.Empty(ProcScan.Alive(foreground));
        Assert.False(ProcScan.IsAlive(result.ProcessId));
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_BusyLoop_KilledAtWallTime(IsolationMode mode)
    {
        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode, new SandboxLimits { WallTime = TimeSpan.FromMilliseconds(700), CpuTime = TimeSpan.FromSeconds(60) }));
        var marker = "tandem-busy-" + Guid.NewGuid().ToString("N");

        var result = await sandbox.RunAsync(new SandboxCommand("/bin/sh", ["-c", "while :; do :; done", marker]), Ct);

        Assert.True(result.TimedOut);
        Assert.Empty(ProcScan.Alive(marker));
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_BackgroundChildOutlivesCommand_KilledAndOutputComplete(IsolationMode mode)
    {
        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode));
        var leftover = TestWorkspace.UniqueSleep();

        // The leftover keeps stdout open: the run must still end (it is killed, the pipe reaches EOF).
        var result = await sandbox.RunAsync(new SandboxCommand("/bin/sh", ["-c", "sleep \"$1\" & echo started", "sh", leftover]), Ct);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("started\n", result.StandardOutput);
        Assert.InRange(result.Duration, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        // Killed by the sweep after exit (subprocess) or by the kernel with the pid namespace (bubblewrap): allow it a moment.
        Assert.Empty(await ProcScan.AliveAfterGraceAsync(leftover, Ct));
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_CallerCancels_TreeKilledAndCanceledThrown(IsolationMode mode)
    {
        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode));
        var sleep = TestWorkspace.UniqueSleep();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = sandbox.RunAsync(new SandboxCommand("/bin/sh", ["-c", "sleep \"$1\"; echo never", "sh", sleep]), cts.Token);
        Assert.True(await ProcScan.WaitForAsync(sleep, Ct));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(ProcScan.Alive(sleep));
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_AllocationBeyondMemoryLimit_Fails(IsolationMode mode)
    {
        var python = FindPython();
        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode, new SandboxLimits { MemoryBytes = 256L << 20 }));

        var small = await sandbox.RunAsync(new SandboxCommand(python, ["-c", "b = bytearray(32 * 1024 * 1024); print('ok')"]), Ct);
        var large = await sandbox.RunAsync(new SandboxCommand(python, ["-c", "b = bytearray(512 * 1024 * 1024); print('ok')"]), Ct);

        Assert.Equal("ok\n", small.StandardOutput);
        Assert.NotEqual(0, large.ExitCode);
        Assert.Contains("MemoryError", large.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("ok", large.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_BusyLoopBeyondCpuLimit_KilledByTheKernel(IsolationMode mode)
    {
        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode, new SandboxLimits { CpuTime = TimeSpan.FromSeconds(1), WallTime = TimeSpan.FromSeconds(30) }));

        var result = await sandbox.RunAsync(new SandboxCommand("/bin/sh", ["-c", "while :; do :; done"]), Ct);

        Assert.Equal(SandboxKillReason.None, result.KillReason);
        Assert.Contains(result.Signal, new int?[] { 9, 24 }); // SIGKILL at the hard limit, SIGXCPU at the soft one
        Assert.InRange(result.Duration, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20));
    }

    private const int MaxProcessesUnderTest = 1;

    [Theory]
    [InlineData(IsolationMode.Subprocess)]
    [InlineData(IsolationMode.Bubblewrap)]
    public async Task RunAsync_ForkBeyondProcessLimit_Fails(IsolationMode mode)
    {
        // RLIMIT_NPROC does not apply to uid 0. As root, the command drops to nobody itself (setpriv
        // keeps the limit the sandbox set); inside bubblewrap it cannot (no capabilities), so that case skips.
        var asRoot = Environment.UserName == "root" || GetUid() == 0;
        if (asRoot && (mode == IsolationMode.Bubblewrap || !File.Exists("/usr/bin/setpriv")))
        {
            Assert.Skip("RLIMIT_NPROC does not apply to uid 0, and as root this case cannot drop to another user (bubblewrap drops every capability; or setpriv is missing).");
        }

        var sandbox = TestWorkspace.CreateOrSkip(_ws.Options(mode, new SandboxLimits { MaxProcesses = MaxProcessesUnderTest }));
        SandboxCommand command = asRoot
            ? new("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/bin/sh", "-c", "sleep 0 & wait; echo forked"])
            : new("/bin/sh", ["-c", "sleep 0 & wait; echo forked"]);

        var result = await sandbox.RunAsync(command, Ct);

        Assert.DoesNotContain("forked", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WallTime_MeasuredOnTheInjectedTimeProvider()
    {
        var time = new FakeTimeProvider();
        var options = new SandboxOptions
        {
            WorkspaceRoot = _ws.Root,
            Isolation = IsolationMode.Subprocess,
            TimeProvider = time,
            Limits = new SandboxLimits { WallTime = TimeSpan.FromSeconds(5) },
        };
        var sandbox = Sandboxes.Create(options);
        var sleep = TestWorkspace.UniqueSleep();

        var run = sandbox.RunAsync(new SandboxCommand("sleep", [sleep]), Ct);
        Assert.True(await ProcScan.WaitForAsync(sleep, Ct));
        await Task.Delay(200, Ct);
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(6));
        var result = await run;

        Assert.True(result.TimedOut);
        Assert.Equal(TimeSpan.FromSeconds(6), result.Duration);
        Assert.Empty(ProcScan.Alive(sleep));
    }

    private static string FindPython()
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Skip("python3 not found in /usr/bin, /usr/local/bin or /bin: the memory-limit test allocates with it.");
        return "";
    }

    private static int GetUid()
    {
        var status = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return int.Parse(status.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
