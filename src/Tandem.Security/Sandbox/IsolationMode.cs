namespace Tandem.Security.Sandbox;

/// <summary>
/// How a sandboxed process is isolated. <see cref="Auto"/> is only a request (in <see cref="SandboxOptions.Isolation"/>):
/// what actually ran is always <see cref="Bubblewrap"/> or <see cref="Subprocess"/>.
/// </summary>
public enum IsolationMode
{
    /// <summary>Bubblewrap when it works on this machine, otherwise a plain subprocess (the reason is reported).</summary>
    Auto = 0,

    /// <summary>
    /// <c>bwrap</c>: read-only root, the workspace the only writable bind, a private <c>/tmp</c>, fresh pid/ipc/uts/net
    /// namespaces (network only when granted), no capabilities, killed with its parent.
    /// </summary>
    Bubblewrap = 1,

    /// <summary>
    /// A plain child process: argv only, cwd in the workspace, allowlisted environment, rlimits, its own session and
    /// process group. No filesystem or network isolation.
    /// </summary>
    Subprocess = 2,
}
