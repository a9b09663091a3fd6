using System.Diagnostics.CodeAnalysis;

namespace Tandem.Security.Secrets;

/// <summary>A source of secret values (API keys, tokens) by name. Never the repository (S18).</summary>
public interface ISecretProvider
{
    /// <summary>
    /// The names this provider loads without being asked, so <see cref="SecretStore"/> knows (and the
    /// redactor hides) their values from the start, even if nothing has asked for them yet.
    /// </summary>
    IEnumerable<string> Names { get; }

    /// <summary>The value of <paramref name="name"/>; false when unset or empty.</summary>
    bool TryGet(string name, [NotNullWhen(true)] out string? value);

    /// <summary>Where a secret of this name would come from, for error messages: "environment variable X", "X in the secrets file P".</summary>
    string Describe(string name);
}
