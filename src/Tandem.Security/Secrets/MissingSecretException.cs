namespace Tandem.Security.Secrets;

/// <summary>
/// A required secret is not set (S18). The message names each missing secret and where it was
/// looked for (the variable, the file) so the fix is obvious; it never contains a secret value.
/// </summary>
public sealed class MissingSecretException : Exception
{
    public MissingSecretException(IReadOnlyList<string> names, string message)
        : base(message)
    {
        Names = names;
    }

    /// <summary>The names that are missing.</summary>
    public IReadOnlyList<string> Names { get; }
}
