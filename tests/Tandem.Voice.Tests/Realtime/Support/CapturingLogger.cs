using Microsoft.Extensions.Logging;
using Tandem.Voice.Realtime;

namespace Tandem.Voice.Tests.Realtime.Support;

/// <summary>Keeps every formatted log line (to check that no secret reaches a log).</summary>
public sealed class CapturingLogger : ILogger<RealtimeClient>
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
        }
    }
}
