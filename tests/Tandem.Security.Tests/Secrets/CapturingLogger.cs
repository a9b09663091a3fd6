using Microsoft.Extensions.Logging;

namespace Tandem.Security.Tests.Secrets;

/// <summary>A logger that writes into a <see cref="LogCapture"/>.</summary>
public sealed class CapturingLogger(LogCapture capture) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => capture.Push(state);

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        capture.Write(formatter(state, exception), state, exception);
}
