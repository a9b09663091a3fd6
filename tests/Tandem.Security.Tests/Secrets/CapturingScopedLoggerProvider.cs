using Microsoft.Extensions.Logging;

namespace Tandem.Security.Tests.Secrets;

/// <summary>A provider that reads scopes from the factory's external scope provider (like Console and OpenTelemetry).</summary>
public sealed class CapturingScopedLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    public LogCapture Capture { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(Capture);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => Capture.ExternalScopes = scopeProvider;

    public void Dispose()
    {
    }
}
