using System.Text;

namespace Tandem.Security.Secrets;

/// <summary>
/// Every secret the process has loaded, by name. Lookups go through the providers in order (the
/// first that has the name wins); every value loaded — by a lookup, up front from a provider's
/// <see cref="ISecretProvider.Names"/>, or by <see cref="Add"/> — is remembered, so the
/// <see cref="Redactor"/> can hide it wherever it shows up. Thread-safe.
/// </summary>
public sealed class SecretStore
{
    private readonly Lock _gate = new();
    private readonly ISecretProvider[] _providers;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private KeyValuePair<string, string>[] _snapshot = [];
    private int _version;

    public SecretStore(params IEnumerable<ISecretProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = [.. providers];
        foreach (var provider in _providers)
        {
            foreach (var name in provider.Names)
            {
                if (provider.TryGet(name, out var value))
                {
                    Remember(name, value);
                }
            }
        }
    }

    /// <summary>The names of the secrets loaded so far (values are never exposed in bulk).</summary>
    public IReadOnlyCollection<string> Names
    {
        get
        {
            lock (_gate)
            {
                return [.. _values.Keys];
            }
        }
    }

    /// <summary>Changes whenever a value is added, so the redactor knows when to rebuild its search.</summary>
    internal int Version => Volatile.Read(ref _version);

    /// <summary>The value of <paramref name="name"/>; throws <see cref="MissingSecretException"/> naming it and where it was looked for.</summary>
    public string GetRequired(string name)
    {
        if (TryGet(name, out var value))
        {
            return value;
        }

        throw Missing([name]);
    }

    /// <summary>Checks at start-up that every one of <paramref name="names"/> is set; one exception lists all that are not (fail fast, S18).</summary>
    public void Require(params IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var missing = names.Where(n => !TryGet(n, out _)).ToList();
        if (missing.Count > 0)
        {
            throw Missing(missing);
        }
    }

    /// <summary>The value of <paramref name="name"/> if a provider has it.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (var provider in _providers)
        {
            if (provider.TryGet(name, out value))
            {
                Remember(name, value);
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Makes a secret known that came from elsewhere (a key added at run time, a token minted by a tool), so it is redacted too.</summary>
    public void Add(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(value);
        Remember(name, value);
    }

    /// <summary>Every (name, value) known, for the redactor.</summary>
    internal KeyValuePair<string, string>[] Snapshot()
    {
        lock (_gate)
        {
            return _snapshot;
        }
    }

    private void Remember(string name, string value)
    {
        lock (_gate)
        {
            if (_values.TryGetValue(name, out var known) && string.Equals(known, value, StringComparison.Ordinal))
            {
                return;
            }

            _values[name] = value;
            _snapshot = [.. _values];
            Interlocked.Increment(ref _version);
        }
    }

    private MissingSecretException Missing(IReadOnlyList<string> names)
    {
        var message = new StringBuilder();
        foreach (var name in names)
        {
            message.Append(message.Length == 0 ? "" : " ")
                .Append("Required secret ").Append(name).Append(" is not set: ");
            message.Append(_providers.Length == 0
                ? "no secret provider is configured."
                : "set " + string.Join(", or ", _providers.Select(p => p.Describe(name))) + ".");
        }

        return new MissingSecretException(names, message.ToString());
    }
}
