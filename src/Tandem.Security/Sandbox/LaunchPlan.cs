namespace Tandem.Security.Sandbox;

/// <summary>
/// The exact process to start: the wrapper chain (setsid, bwrap or setpriv, prlimit) already folded into the argv.
/// </summary>
/// <param name="Executable">The command's own executable, for logs (FileName is a wrapper).</param>
/// <param name="LeadsSession">True when the started process becomes the leader of a new session (setsid).</param>
internal sealed record LaunchPlan(
    string Executable,
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    bool LeadsSession);
