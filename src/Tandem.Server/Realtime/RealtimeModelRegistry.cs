using Tandem.Voice.Recognition;

namespace Tandem.Server.Realtime;

/// <summary>
/// The local "models" of the Realtime endpoint: each name's recogniser, created on first use and
/// shared by every session. A factory that fails keeps failing (the exception is cached), so a
/// missing PocketSphinx costs one attempt, not one per segment.
/// </summary>
internal sealed class RealtimeModelRegistry : IDisposable
{
    private readonly Dictionary<string, Lazy<ISpeechRecognizer>> _models;

    public RealtimeModelRegistry(IReadOnlyDictionary<string, Func<string, ISpeechRecognizer>> factories)
    {
        ArgumentNullException.ThrowIfNull(factories);
        _models = new(StringComparer.Ordinal);
        foreach (var (name, factory) in factories)
        {
            _models[name] = new Lazy<ISpeechRecognizer>(() => factory(name), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        Names = [.. factories.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The model names, sorted.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>"sphinx-alnum or sphinx-lm": the names for an error message.</summary>
    public string NamesForMessage => Names.Count switch
    {
        0 => "(none configured)",
        1 => Names[0],
        _ => string.Join(", ", Names.Take(Names.Count - 1)) + " or " + Names[^1],
    };

    public bool Contains(string name) => _models.ContainsKey(name);

    /// <summary>The recogniser of <paramref name="name"/>; throws what its factory threw.</summary>
    /// <exception cref="KeyNotFoundException">No model has that name.</exception>
    public ISpeechRecognizer Get(string name) =>
        _models.TryGetValue(name, out var lazy) ? lazy.Value : throw new KeyNotFoundException($"No local Realtime model is named '{name}'.");

    public void Dispose()
    {
        foreach (var lazy in _models.Values)
        {
            if (lazy.IsValueCreated)
            {
                (lazy.Value as IDisposable)?.Dispose();
            }
        }
    }
}
