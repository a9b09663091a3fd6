namespace Tandem.Security.Sandbox;

/// <summary>
/// One argv element. A literal is passed byte for byte (no shell ever sees it); a workspace path is first resolved
/// against the workspace root and refused, before anything runs, when it escapes it (<c>..</c>, an absolute path
/// elsewhere, a symlink pointing out). A string converts to a literal.
/// </summary>
public readonly record struct SandboxArgument
{
    private SandboxArgument(string value, bool isWorkspacePath)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
        IsWorkspacePath = isWorkspacePath;
    }

    /// <summary>The text as given (for a workspace path: before resolution).</summary>
    public string Value { get; }

    public bool IsWorkspacePath { get; }

    public static SandboxArgument Literal(string value) => new(value, isWorkspacePath: false);

    /// <summary>A path from the caller (e.g. from a model's tool arguments), confined to the workspace.</summary>
    public static SandboxArgument WorkspacePath(string path) => new(path, isWorkspacePath: true);

    public static SandboxArgument FromString(string value) => Literal(value);

    public static implicit operator SandboxArgument(string value) => Literal(value);

    public override string ToString() => IsWorkspacePath ? $"path:{Value}" : Value;
}
