using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Tandem.Security.Tests.Secrets;

/// <summary>
/// Everything a real logger provider could write: the formatted message, each state value, the
/// exception's message, full text, stack and inner exception, and each scope's text and values —
/// scopes read from the external scope provider (if the provider takes one) and from BeginScope calls.
/// </summary>
public sealed class LogCapture
{
    private readonly AsyncLocal<List<object?>?> _ownScopes = new();

    public ConcurrentQueue<string> Written { get; } = new();

    /// <summary>How many scopes the last log call saw.</summary>
    public int LastScopeCount { get; private set; }

    internal IExternalScopeProvider? ExternalScopes { get; set; }

    public string All() => string.Join("\n", Written);

    internal IDisposable Push(object? state)
    {
        var list = _ownScopes.Value ??= [];
        list.Add(state);
        return new Pop(list);
    }

    internal void Write(string message, object? state, Exception? exception)
    {
        Capture(message);
        CaptureState(state);
        if (exception is not null)
        {
            Capture(exception.Message);
            Capture(exception.ToString());
            Capture(exception.StackTrace);
            Capture(exception.InnerException?.ToString());
            Capture(exception.GetBaseException().Message);
        }

        var scopes = new List<object?>();
        ExternalScopes?.ForEachScope(static (scope, list) => list.Add(scope), scopes);
        scopes.AddRange(_ownScopes.Value ?? []);
        foreach (var scope in scopes)
        {
            CaptureState(scope);
        }

        LastScopeCount = scopes.Count;
    }

    private void Capture(object? value) => Written.Enqueue(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");

    private void CaptureState(object? state)
    {
        Capture(state);
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                Capture(key + "=" + Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }
    }

    private sealed class Pop(List<object?> list) : IDisposable
    {
        public void Dispose() => list.RemoveAt(list.Count - 1);
    }
}
