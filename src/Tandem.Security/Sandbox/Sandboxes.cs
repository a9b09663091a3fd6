using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tandem.Security.Sandbox;

/// <summary>
/// The entry point: detects once per process what isolation works here, and creates sandboxes that use it.
/// </summary>
public static class Sandboxes
{
    private static readonly Lazy<SandboxHostCapabilities> s_capabilities = new(HostProbe.Detect, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// What this machine offers, probed on first use: bubblewrap is counted only if a real <c>bwrap --unshare-all</c>
    /// sandbox started (being installed is not enough), plus the helpers for limits and process groups.
    /// </summary>
    public static SandboxHostCapabilities Capabilities => s_capabilities.Value;

    /// <summary>Which mode <see cref="IsolationMode.Auto"/> runs here and why the other does not, in a few lines.</summary>
    public static string Describe() => Capabilities.Describe();

    /// <summary>Validates the options into a <see cref="SandboxPolicy"/> and picks the isolation.</summary>
    /// <exception cref="ArgumentException">Invalid options (see <see cref="SandboxPolicy.Create"/>).</exception>
    /// <exception cref="PlatformNotSupportedException">Not Linux, or bubblewrap was required and does not work here (the message says why).</exception>
    public static ISandbox Create(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The sandbox needs Linux (/proc, rlimits, namespaces).");
        }

        var policy = SandboxPolicy.Create(options);
        var logger = options.Logger ?? NullLogger.Instance;
        var time = options.TimeProvider ?? TimeProvider.System;
        var host = Capabilities;
        ISandbox sandbox = options.Isolation switch
        {
            IsolationMode.Auto when host.BubblewrapWorks => new BubblewrapSandbox(policy, host, time, logger),
            IsolationMode.Auto => new SubprocessSandbox(policy, host, "bubblewrap " + host.BubblewrapStatus, time, logger),
            IsolationMode.Bubblewrap when host.BubblewrapWorks => new BubblewrapSandbox(policy, host, time, logger),
            IsolationMode.Bubblewrap => throw new PlatformNotSupportedException("Bubblewrap isolation was required, but bubblewrap " + host.BubblewrapStatus),
            IsolationMode.Subprocess => new SubprocessSandbox(policy, host, "requested by the options; bubblewrap " + host.BubblewrapStatus, time, logger),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Isolation, "Unknown isolation mode."),
        };

        SandboxLog.IsolationChosen(logger, sandbox.Isolation, sandbox.Description);
        foreach (var diagnostic in policy.Diagnostics)
        {
            SandboxLog.Refused(logger, diagnostic);
        }

        return sandbox;
    }
}
