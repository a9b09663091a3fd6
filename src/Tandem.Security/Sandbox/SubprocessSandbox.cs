using Microsoft.Extensions.Logging;

namespace Tandem.Security.Sandbox;

/// <summary>
/// The fallback: a plain child process, started as <c>setsid [setpriv --pdeathsig KILL] [prlimit ...] -- exe args</c>,
/// each wrapper exec'ing the next in place. It gets argv only, cwd in the workspace, the allowlisted environment and a
/// private TMPDIR, but sees the whole filesystem and the network with this user's rights.
/// </summary>
internal sealed class SubprocessSandbox : ISandbox
{
    private readonly SandboxHostCapabilities _host;
    private readonly SandboxProcessRunner _runner;

    public SubprocessSandbox(SandboxPolicy policy, SandboxHostCapabilities host, string whyNotBubblewrap, TimeProvider time, ILogger logger)
    {
        Policy = policy;
        _host = host;
        _runner = new SandboxProcessRunner(time, logger);
        var diagnostics = new List<string>(policy.Diagnostics);
        if (!policy.AllowNetwork)
        {
            diagnostics.Add("network not isolated: only the bubblewrap mode can take the network away");
        }

        if (policy.HiddenPaths.Count > 0)
        {
            diagnostics.Add("hidden paths not hidden: only the bubblewrap mode can mask directories");
        }

        diagnostics.Add("filesystem not isolated: writes outside the workspace are limited only by this user's permissions");
        if (host.SetsidPath is null)
        {
            diagnostics.Add("setsid not found: the process shares this host's process group, so only its tree is killed");
        }

        _ = RlimitPrefix.Build(host, policy.Limits, diagnostics);
        Diagnostics = diagnostics;
        Description = $"subprocess ({whyNotBubblewrap}); no filesystem or network isolation; limits: {host.LimitsMechanism}; "
            + (host.SetsidPath is null ? "no own session (setsid not found)" : "own session and process group (setsid)");
    }

    public IsolationMode Isolation => IsolationMode.Subprocess;

    public string Description { get; }

    public SandboxPolicy Policy { get; }

    public IReadOnlyList<string> Diagnostics { get; }

    public async Task<SandboxResult> RunAsync(SandboxCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var resolved = Policy.Resolve(command);
        var diagnostics = new List<string>(Diagnostics.Count);

        // A private TMPDIR per run (mode 0700), removed afterwards: the nearest the fallback gets to bubblewrap's fresh /tmp.
        var temp = Directory.CreateTempSubdirectory("tandem-sandbox-");
        try
        {
            var environment = Policy.BuildEnvironment(command.Environment, temp.FullName, diagnostics);
            var argv = new List<string>();
            if (_host.SetprivPath is { } setpriv)
            {
                argv.AddRange([setpriv, "--pdeathsig", "KILL", "--"]);
            }

            argv.AddRange(RlimitPrefix.Build(_host, Policy.Limits, diagnostics: []));
            argv.Add(resolved.Executable);
            argv.AddRange(resolved.Arguments);

            LaunchPlan plan = _host.SetsidPath is { } setsid
                ? new(resolved.Executable, setsid, argv, environment, resolved.WorkingDirectory, LeadsSession: true)
                : new(resolved.Executable, argv[0], argv[1..], environment, resolved.WorkingDirectory, LeadsSession: false);
            return await _runner.RunAsync(
                plan, Policy.Limits, command.StandardInput, Isolation, Description, [.. Diagnostics, .. diagnostics], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                temp.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Best effort: something (now killed) may still have held a file.
            }
            catch (UnauthorizedAccessException)
            {
                // The process removed its own permissions on something inside; leave it to the OS temp cleaner.
            }
        }
    }
}
