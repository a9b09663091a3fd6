using Microsoft.Extensions.Logging;

namespace Tandem.Security.Sandbox;

/// <summary>
/// Runs each command as <c>setsid bwrap [isolation] -- [prlimit ...] exe args</c>: the whole root read-only, a fresh
/// <c>/tmp</c>, the workspace the only writable bind, new user/pid/ipc/uts/cgroup namespaces and a new network namespace
/// unless network was granted, every capability dropped (as root, bwrap would otherwise keep them inside its namespace),
/// a new session (no terminal injection), and death with the host.
/// </summary>
/// <remarks>
/// The environment reaches bwrap as its own, already filtered environment, which it hands on unchanged, rather than as
/// <c>--clearenv --setenv NAME VALUE</c>: argv is world-readable in <c>/proc/[pid]/cmdline</c>, an environment is not.
/// </remarks>
internal sealed class BubblewrapSandbox : ISandbox
{
    private const string SandboxTemp = "/tmp";

    private readonly SandboxHostCapabilities _host;
    private readonly SandboxProcessRunner _runner;

    public BubblewrapSandbox(SandboxPolicy policy, SandboxHostCapabilities host, TimeProvider time, ILogger logger)
    {
        Policy = policy;
        _host = host;
        _runner = new SandboxProcessRunner(time, logger);
        var diagnostics = new List<string>(policy.Diagnostics);
        _ = RlimitPrefix.Build(host, policy.Limits, diagnostics);
        if (host.SetsidPath is null)
        {
            diagnostics.Add("setsid not found: bwrap shares this host's process group (its pid namespace still dies with it)");
        }

        Diagnostics = diagnostics;
        Description = $"bubblewrap ({host.BubblewrapVersion ?? "bwrap"} at {host.BubblewrapPath}): read-only root, writable workspace {policy.WorkspaceRoot}, "
            + $"private /tmp, {(policy.AllowNetwork ? "network granted" : "no network")}, own pid/ipc/uts namespaces, no capabilities; "
            + $"limits: {host.LimitsMechanism}";
    }

    public IsolationMode Isolation => IsolationMode.Bubblewrap;

    public string Description { get; }

    public SandboxPolicy Policy { get; }

    public IReadOnlyList<string> Diagnostics { get; }

    public Task<SandboxResult> RunAsync(SandboxCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var resolved = Policy.Resolve(command);
        var diagnostics = new List<string>();
        var environment = Policy.BuildEnvironment(command.Environment, SandboxTemp, diagnostics);
        var argv = BuildArguments(resolved);
        argv.AddRange(RlimitPrefix.Build(_host, Policy.Limits, diagnostics: []));
        argv.Add(resolved.Executable);
        argv.AddRange(resolved.Arguments);

        var bwrap = _host.BubblewrapPath!;
        LaunchPlan plan = _host.SetsidPath is { } setsid
            ? new(resolved.Executable, setsid, [bwrap, .. argv], environment, resolved.WorkingDirectory, LeadsSession: true)
            : new(resolved.Executable, bwrap, argv, environment, resolved.WorkingDirectory, LeadsSession: false);
        return _runner.RunAsync(plan, Policy.Limits, command.StandardInput, Isolation, Description, [.. Diagnostics, .. diagnostics], cancellationToken);
    }

    /// <summary>bwrap's own options, in mount order: later mounts land on top of earlier ones.</summary>
    internal List<string> BuildArguments(ResolvedCommand resolved)
    {
        var argv = new List<string> { "--unshare-all" };
        if (Policy.AllowNetwork)
        {
            argv.Add("--share-net");
        }

        argv.AddRange(["--die-with-parent", "--new-session", "--cap-drop", "ALL"]);
        argv.AddRange(["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", SandboxTemp]);
        foreach (var hidden in Policy.HiddenPaths)
        {
            argv.AddRange(["--tmpfs", hidden]);
        }

        // The workspace after /tmp and the hidden paths (it may lie below them), the read-only binds after the workspace
        // (one may make a part of it read-only).
        argv.AddRange(["--bind", Policy.WorkspaceRoot, Policy.WorkspaceRoot]);
        foreach (var path in Policy.ReadOnlyPaths)
        {
            argv.AddRange(["--ro-bind", path, path]);
        }

        argv.AddRange(["--chdir", resolved.WorkingDirectory, "--"]);
        return argv;
    }
}
