using Microsoft.Extensions.Logging;

namespace Tandem.Security.Secrets;

/// <summary>
/// Wraps any <see cref="ILoggerProvider"/> so that nothing it writes contains a secret: formatted
/// messages, structured state values, scopes and exception text all pass through the
/// <see cref="Redactor"/> first (S9). Wrap every provider the host registers — an unwrapped one
/// still sees the raw values.
/// <code>
/// var factory = LoggerFactory.Create(b => b.AddProvider(new RedactingLoggerProvider(new ConsoleLoggerProvider(...), redactor)));
/// </code>
/// </summary>
public sealed class RedactingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ILoggerProvider _inner;
    private readonly Redactor _redactor;
    private IExternalScopeProvider? _scopes;

    public RedactingLoggerProvider(ILoggerProvider inner, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(redactor);
        _inner = inner;
        _redactor = redactor;
    }

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(_inner.CreateLogger(categoryName), _redactor, this);

    /// <summary>
    /// Called by the logger factory. Because this wrapper takes external scopes, the factory stops
    /// calling <c>BeginScope</c> on its loggers and keeps scopes here instead; an inner provider that
    /// takes external scopes too reads them through a redacting view, others get them replayed per call.
    /// </summary>
    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        ArgumentNullException.ThrowIfNull(scopeProvider);
        if (_inner is ISupportExternalScope external)
        {
            external.SetScopeProvider(new RedactingScopeProvider(scopeProvider, _redactor));
        }
        else
        {
            Volatile.Write(ref _scopes, scopeProvider);
        }
    }

    public void Dispose() => _inner.Dispose();

    internal IExternalScopeProvider? ScopesToReplay() => Volatile.Read(ref _scopes);
}
