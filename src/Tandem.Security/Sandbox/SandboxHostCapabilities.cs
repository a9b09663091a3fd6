using System.Text;

namespace Tandem.Security.Sandbox;

/// <summary>What this machine offers the sandbox, detected once per process by <see cref="Sandboxes.Capabilities"/>.</summary>
public sealed record SandboxHostCapabilities
{
    /// <summary>The <c>bwrap</c> found (system directories first, then PATH), or null.</summary>
    public string? BubblewrapPath { get; init; }

    /// <summary>What <c>bwrap --version</c> printed.</summary>
    public string? BubblewrapVersion { get; init; }

    /// <summary>
    /// True when the probe actually ran a sandbox: installed is not enough, since containers often forbid the user
    /// namespaces bwrap needs.
    /// </summary>
    public bool BubblewrapWorks { get; init; }

    /// <summary>Why bubblewrap works or does not (the probe command and its error).</summary>
    public required string BubblewrapStatus { get; init; }

    /// <summary>util-linux <c>prlimit</c>: applies the CPU, address-space and process rlimits.</summary>
    public string? PrlimitPath { get; init; }

    /// <summary>util-linux <c>setsid</c>: puts the child in its own session and process group, so leftovers can be found and killed.</summary>
    public string? SetsidPath { get; init; }

    /// <summary>util-linux <c>setpriv</c> with <c>--pdeathsig</c>: the subprocess dies if this host dies.</summary>
    public string? SetprivPath { get; init; }

    /// <summary><c>/bin/sh</c>: sets the rlimits with <c>ulimit</c> when prlimit is missing.</summary>
    public string? ShellPath { get; init; }

    /// <summary>What <see cref="IsolationMode.Auto"/> picks here.</summary>
    public IsolationMode AutoIsolation => BubblewrapWorks ? IsolationMode.Bubblewrap : IsolationMode.Subprocess;

    /// <summary>How the limits are applied, in words.</summary>
    public string LimitsMechanism =>
        PrlimitPath is not null ? $"prlimit ({PrlimitPath}): CPU, address space, processes"
        : ShellPath is not null ? $"ulimit in {ShellPath} (prlimit not found): CPU and address space only"
        : "none (neither prlimit nor /bin/sh found)";

    public string Describe()
    {
        var text = new StringBuilder();
        text.Append("isolation chosen by Auto: ").Append(AutoIsolation == IsolationMode.Bubblewrap ? "bubblewrap" : "subprocess").Append('\n');
        text.Append("bubblewrap: ").Append(BubblewrapStatus).Append('\n');
        text.Append("limits: ").Append(LimitsMechanism).Append('\n');
        text.Append("process group: ").Append(SetsidPath is null ? "none (setsid not found: only the process tree is killed)" : $"setsid ({SetsidPath})").Append('\n');
        text.Append("parent-death signal: ").Append(SetprivPath is null ? "none for the subprocess mode (setpriv --pdeathsig not available)" : $"setpriv ({SetprivPath})");
        return text.ToString();
    }
}
