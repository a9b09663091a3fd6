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

    private readonly System.Collections.Concurrent.ConcurrentDictionary<WebSocketSession, byte> _sessions = new();

    public int OpenConnections => _sessions.Count;

    public IEnumerable<WebSocketSession> Sessions => _sessions.Keys;

    public void ConnectionOpened(WebSocketSession session) => _sessions.TryAdd(session, 0);

    public void ConnectionClosed(WebSocketSession session) => _sessions.TryRemove(session, out _);
}
