using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tandem.Responses.Tests.Support;

/// <summary>
/// Collects every log line at every level (the shared CapturingLoggerProvider keeps Information and
/// above only), with the structured values and the full exception text, so secret checks see all of it.
/// </summary>
public sealed class AllLevelsLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(AllLevelsLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner.Lines.Enqueue($"[scope] {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            owner.Lines.Enqueue($"{logLevel} {category} {eventId} {formatter(state, exception)} | {values} | {exception}");
        }
    }
}
