using System.Diagnostics.CodeAnalysis;

namespace Tandem.Security.Secrets;

/// <summary>Secrets from environment variables; an empty variable counts as unset.</summary>
/// <param name="names">Variables loaded up front (so they are redacted even before first use), e.g. <c>OPENAI_API_KEY</c>.</param>
public sealed class EnvironmentSecretProvider(params IEnumerable<string> names) : ISecretProvider
{
    private readonly string[] _names = [.. names];

    public IEnumerable<string> Names => _names;

    public bool TryGet(string name, [NotNullWhen(true)] out string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            value = null;
            return false;
        }

        return true;
    }

    public string Describe(string name) => "environment variable " + name;
}
