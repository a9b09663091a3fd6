using Microsoft.Extensions.Logging;

namespace Tandem.Security.Secrets;

/// <summary>
/// Wraps a provider's logger: the inner logger only ever sees the redacted message, redacted state
/// values and a redacted stand-in for the exception.
/// </summary>
internal sealed class RedactingLogger(ILogger inner, Redactor redactor, RedactingLoggerProvider provider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(RedactedLogState.ForScope(state, redactor));

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(formatter);
        var message = redactor.Redact(formatter(state, exception));
        var redactedState = RedactedLogState.Create(state, message, redactor);
        var redactedException = exception is null ? null : RedactedException.Create(exception, redactor);

        // The factory keeps scopes in the external scope provider it gave us. An inner provider that
        // reads them itself sees them through RedactingScopeProvider; one that cannot is given them
        // here, redacted, for the duration of this call, so it neither loses nor leaks them.
        var replayed = provider.ScopesToReplay();
        if (replayed is null)
        {
            inner.Log(logLevel, eventId, redactedState, redactedException, static (s, _) => s.Message);
            return;
        }

        var opened = new List<IDisposable?>();
        replayed.ForEachScope(static (scope, context) => context.Opened.Add(context.Inner.BeginScope(RedactedLogState.ForScope(scope, context.Redactor))), (Opened: opened, Inner: inner, Redactor: redactor));
        try
        {
            inner.Log(logLevel, eventId, redactedState, redactedException, static (s, _) => s.Message);
        }
        finally
        {
            for (var i = opened.Count - 1; i >= 0; i--)
            {
                opened[i]?.Dispose();
            }
        }
    }
}
