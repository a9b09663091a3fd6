using Microsoft.Extensions.Logging;

namespace Tandem.Security.Sandbox;

/// <summary>What a sandbox may touch and how much it may use. Turned into a validated <see cref="SandboxPolicy"/> by <see cref="Sandboxes.Create"/>.</summary>
public sealed class SandboxOptions
{
    /// <summary>The environment variables passed through by default (values from this process, except HOME and TMPDIR).</summary>
    public static IReadOnlyList<string> DefaultEnvironmentAllowlist { get; } = ["PATH", "LANG", "LC_ALL", "HOME", "TMPDIR"];

    /// <summary>
    /// The only writable directory: the working directory of every run, HOME, and the root that caller-given paths are
    /// resolved against (and must stay inside). Must exist. Required.
    /// </summary>
    public required string WorkspaceRoot { get; init; }

    /// <summary>
    /// Names of variables copied from this process's environment; a trailing <c>*</c> matches a prefix (<c>LC_*</c>).
    /// <c>HOME</c> is set to the workspace and <c>TMPDIR</c> to the run's private temp directory rather than copied.
    /// A name containing KEY, SECRET, TOKEN, PASSWORD, PASSWD or CREDENTIAL is never passed, even when listed here;
    /// the refusal is reported in <see cref="SandboxPolicy.Diagnostics"/>.
    /// </summary>
    public IReadOnlyList<string> EnvironmentAllowlist { get; init; } = DefaultEnvironmentAllowlist;

    public SandboxLimits Limits { get; init; } = new();

    /// <summary>Network access. Off unless granted; only bubblewrap can take it away (the subprocess mode reports that it cannot).</summary>
    public bool AllowNetwork { get; init; }

    /// <summary>
    /// Extra paths bound read-only at the same place (bubblewrap). Needed for anything under <c>/tmp</c> or under a
    /// <see cref="HiddenPaths"/> entry, since those are replaced by empty directories; the rest of the root is already
    /// visible read-only. In the subprocess mode they are readable anyway.
    /// </summary>
    public IReadOnlyList<string> ReadOnlyPaths { get; init; } = [];

    /// <summary>
    /// Directories replaced by an empty tmpfs inside bubblewrap (e.g. a secrets folder, or <c>/root</c>): the read-only
    /// root still lets a process read whatever its user may read, and when the host runs as root that is a lot.
    /// Not enforceable in the subprocess mode (reported).
    /// </summary>
    public IReadOnlyList<string> HiddenPaths { get; init; } = [];

    /// <summary><see cref="IsolationMode.Auto"/> (default) detects; <see cref="IsolationMode.Bubblewrap"/> fails when bwrap does not work here.</summary>
    public IsolationMode Isolation { get; init; } = IsolationMode.Auto;

    /// <summary>Clock of the wall-time limit and of the reported durations.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Receives the mode chosen, refused variables (names only) and kills. Never values.</summary>
    public ILogger? Logger { get; init; }
}
