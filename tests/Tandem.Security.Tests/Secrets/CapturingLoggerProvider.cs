using Microsoft.Extensions.Logging;

namespace Tandem.Security.Tests.Secrets;

/// <summary>A provider that takes scopes through BeginScope only (like the Debug provider).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public LogCapture Capture { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(Capture);

    public void Dispose()
    {
    }
}
