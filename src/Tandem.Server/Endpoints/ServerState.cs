using Microsoft.Extensions.Logging;
using Tandem.Server.Backends;
using Tandem.Server.Sessions;

namespace Tandem.Server.Endpoints;

/// <summary>What the endpoints share: options, engine, authentication, scenarios, and live connections.</summary>
internal sealed class ServerState
{
    public required TandemServerOptions Options { get; init; }

    public required ResponseEngine Engine { get; init; }

    public required ApiKeyAuthenticator Authenticator { get; init; }

    public required ScenarioCatalog Scenarios { get; init; }

    public required ILogger Logger { get; init; }

    private int _openConnections;

    public int OpenConnections => Volatile.Read(ref _openConnections);

    public void ConnectionOpened() => Interlocked.Increment(ref _openConnections);

    public void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);
}
