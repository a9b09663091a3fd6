namespace Tandem.Security.Sandbox;

/// <summary>
/// The sandbox refused a command before starting anything: a path escaping the workspace, a missing executable, an
/// argument that cannot be passed (a NUL character). Its message names the offending value, which is caller input, never a secret.
/// </summary>
public sealed class SandboxRefusedException : Exception
{
    public SandboxRefusedException()
    {
    }

    public SandboxRefusedException(string message)
        : base(message)
    {
    }

    public SandboxRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SandboxRefusedException(string message, string? path)
        : base(message)
    {
        Path = path;
    }

    /// <summary>The path as the caller gave it, when a path was refused.</summary>
    public string? Path { get; }
}
