using Microsoft.Extensions.Logging;

namespace Tandem.Security.Secrets;

/// <summary>
/// The factory's scope store as an inner provider sees it: scopes are stored as pushed and redacted
/// when read, which is when a provider writes them out.
/// </summary>
internal sealed class RedactingScopeProvider(IExternalScopeProvider inner, Redactor redactor) : IExternalScopeProvider
{
    public void ForEachScope<TState>(Action<object?, TState> callback, TState state) =>
        inner.ForEachScope(
            static (scope, context) => context.Callback(RedactedLogState.ForScope(scope, context.Redactor), context.State),
            (Callback: callback, State: state, Redactor: redactor));

    public IDisposable Push(object? state) => inner.Push(state);
}
