using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Tandem.Security.Sandbox;

/// <summary>
/// The validated form of <see cref="SandboxOptions"/>: the canonical workspace root, the environment allowlist with
/// secret-looking names removed (and reported), the limits, and the path rules every caller-given path goes through.
/// </summary>
public sealed partial class SandboxPolicy
{
    private const string DefaultPath = "/usr/local/bin:/usr/bin:/bin";

    private readonly string[] _exactNames;
    private readonly string[] _prefixes;

    private SandboxPolicy(
        string workspaceRoot,
        SandboxLimits limits,
        bool allowNetwork,
        IReadOnlyList<string> readOnlyPaths,
        IReadOnlyList<string> hiddenPaths,
        IReadOnlyList<string> allowlist,
        IReadOnlyList<string> refused,
        IReadOnlyList<string> diagnostics)
    {
        WorkspaceRoot = workspaceRoot;
        Limits = limits;
        AllowNetwork = allowNetwork;
        ReadOnlyPaths = readOnlyPaths;
        HiddenPaths = hiddenPaths;
        EnvironmentAllowlist = allowlist;
        RefusedEnvironmentNames = refused;
        Diagnostics = diagnostics;
        _exactNames = [.. allowlist.Where(n => !n.EndsWith('*'))];
        _prefixes = [.. allowlist.Where(n => n.EndsWith('*')).Select(n => n[..^1])];
    }

    /// <summary>The workspace root, absolute and with symlinks resolved.</summary>
    public string WorkspaceRoot { get; }

    public SandboxLimits Limits { get; }

    public bool AllowNetwork { get; }

    public IReadOnlyList<string> ReadOnlyPaths { get; }

    public IReadOnlyList<string> HiddenPaths { get; }

    /// <summary>The allowlist as accepted (secret-looking names removed).</summary>
    public IReadOnlyList<string> EnvironmentAllowlist { get; }

    /// <summary>Allowlist entries refused because their name looks like a secret.</summary>
    public IReadOnlyList<string> RefusedEnvironmentNames { get; }

    /// <summary>One line per refusal, saying what was refused and why.</summary>
    public IReadOnlyList<string> Diagnostics { get; }

    /// <exception cref="ArgumentException">The workspace does not exist, is <c>/</c>, or an option is malformed.</exception>
    public static SandboxPolicy Create(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.WorkspaceRoot);
        ArgumentNullException.ThrowIfNull(options.Limits);
        options.Limits.Validate();

        var root = WorkspacePaths.Canonicalize(Path.GetFullPath(options.WorkspaceRoot));
        if (!Directory.Exists(root))
        {
            throw new ArgumentException($"The workspace root '{options.WorkspaceRoot}' does not exist or is not a directory.", nameof(options));
        }

        if (root == "/")
        {
            throw new ArgumentException("The workspace root cannot be '/': it is the only writable directory.", nameof(options));
        }

        var diagnostics = new List<string>();
        var allowlist = new List<string>();
        var refused = new List<string>();
        foreach (var entry in options.EnvironmentAllowlist ?? [])
        {
            if (string.IsNullOrWhiteSpace(entry) || entry.Contains('=', StringComparison.Ordinal) || entry.Contains('\0', StringComparison.Ordinal)
                || entry.IndexOf('*', StringComparison.Ordinal) is var star && star >= 0 && star != entry.Length - 1)
            {
                throw new ArgumentException($"'{entry}' is not an environment variable name (a trailing '*' is the only wildcard).", nameof(options));
            }

            if (SecretNames.Match(entry.TrimEnd('*')) is { } word)
            {
                refused.Add(entry);
                diagnostics.Add($"environment allowlist entry '{entry}' refused: names containing '{word}' never reach a sandboxed process (S8)");
                continue;
            }

            allowlist.Add(entry);
        }

        return new SandboxPolicy(
            root,
            options.Limits,
            options.AllowNetwork,
            CanonicalPaths(options.ReadOnlyPaths, nameof(options.ReadOnlyPaths), root, hidden: false),
            CanonicalPaths(options.HiddenPaths, nameof(options.HiddenPaths), root, hidden: true),
            allowlist,
            refused,
            diagnostics);
    }

    /// <summary>
    /// Resolves a caller-given path (relative to the workspace, or absolute) to its canonical absolute form.
    /// </summary>
    /// <exception cref="SandboxRefusedException">The path escapes the workspace, lexically or through a symlink.</exception>
    public string ResolvePath(string path) =>
        TryResolvePath(path, out var resolved, out var reason) ? resolved : throw new SandboxRefusedException(reason, path);

    public bool TryResolvePath(string path, [NotNullWhen(true)] out string? resolved, [NotNullWhen(false)] out string? reason)
    {
        resolved = null;
        if (string.IsNullOrEmpty(path))
        {
            reason = "An empty path was refused.";
            return false;
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            reason = "A path containing a NUL character was refused.";
            return false;
        }

        // Lexical first: '../../etc/passwd' and '/etc/passwd' are refused whether or not they exist.
        var lexical = Path.GetFullPath(path, WorkspaceRoot);
        if (!WorkspacePaths.IsInside(lexical, WorkspaceRoot))
        {
            reason = $"The path '{path}' is outside the workspace.";
            return false;
        }

        // Then as the kernel will see it: a symlink inside the workspace may point anywhere.
        string canonical;
        try
        {
            canonical = WorkspacePaths.Canonicalize(Path.IsPathRooted(path) ? path : WorkspaceRoot + "/" + path);
        }
        catch (SandboxRefusedException ex)
        {
            reason = ex.Message;
            return false;
        }

        if (!WorkspacePaths.IsInside(canonical, WorkspaceRoot))
        {
            reason = $"The path '{path}' leads outside the workspace through a symbolic link.";
            return false;
        }

        resolved = canonical;
        reason = null;
        return true;
    }

    /// <summary>True when the allowlist lets a variable of this name through (before the secret-name check).</summary>
    public bool IsAllowlisted(string name) =>
        _exactNames.Contains(name, StringComparer.Ordinal) || _prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The PATH the sandboxed process gets (used to find bare executable names the way it would).</summary>
    internal string SandboxSearchPath =>
        IsAllowlisted("PATH") && System.Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } path ? path : DefaultPath;

    /// <summary>
    /// The whole environment of one run: allowlisted variables of this process (read now, not at creation), HOME = the
    /// workspace, TMPDIR = the run's temp directory, then the command's own variables. Secret-looking names are dropped
    /// with a diagnostic wherever they come from.
    /// </summary>
    internal Dictionary<string, string> BuildEnvironment(IReadOnlyDictionary<string, string>? explicitVariables, string tempDirectory, List<string> diagnostics)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is not string name || entry.Value is not string value || !IsAllowlisted(name) || name is "HOME" or "TMPDIR")
            {
                continue;
            }

            // Only a wildcard entry can get here with such a name: exact ones were removed at creation.
            if (SecretNames.Match(name) is { } word)
            {
                diagnostics.Add($"environment variable '{name}' (matched by the allowlist) not passed: names containing '{word}' never reach a sandboxed process (S8)");
                continue;
            }

            environment[name] = value;
        }

        if (IsAllowlisted("PATH") && !environment.ContainsKey("PATH"))
        {
            environment["PATH"] = DefaultPath;
        }

        if (IsAllowlisted("HOME"))
        {
            environment["HOME"] = WorkspaceRoot;
        }

        if (IsAllowlisted("TMPDIR"))
        {
            environment["TMPDIR"] = tempDirectory;
        }

        foreach (var (name, value) in explicitVariables ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrEmpty(name) || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
            {
                throw new SandboxRefusedException($"'{name}' is not an environment variable name.");
            }

            if (value is null || value.Contains('\0', StringComparison.Ordinal))
            {
                throw new SandboxRefusedException($"The value of environment variable '{name}' cannot be passed (null or a NUL character).");
            }

            if (SecretNames.Match(name) is { } word)
            {
                diagnostics.Add($"environment variable '{name}' set by the command refused: names containing '{word}' never reach a sandboxed process (S8)");
                continue;
            }

            environment[name] = value;
        }

        return environment;
    }

    private static string[] CanonicalPaths(IReadOnlyList<string>? paths, string option, string workspace, bool hidden)
    {
        var result = new List<string>();
        foreach (var path in paths ?? [])
        {
            if (string.IsNullOrWhiteSpace(path) || !Path.IsPathRooted(path))
            {
                throw new ArgumentException($"{option}: '{path}' is not an absolute path.", option);
            }

            var canonical = WorkspacePaths.Canonicalize(Path.GetFullPath(path));
            if (!Directory.Exists(canonical) && (hidden || !File.Exists(canonical)))
            {
                throw new ArgumentException($"{option}: '{path}' does not exist{(hidden ? " or is not a directory" : "")}.", option);
            }

            if (canonical == "/")
            {
                throw new ArgumentException($"{option}: '/' is not allowed.", option);
            }

            // An ancestor of the workspace may be hidden (the workspace is bound after it); the workspace itself may not.
            if (hidden && WorkspacePaths.IsInside(canonical, workspace))
            {
                throw new ArgumentException($"{option}: '{path}' is the workspace or inside it.", option);
            }

            result.Add(canonical);
        }

        return [.. result];
    }
}
