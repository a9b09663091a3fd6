namespace Tandem.Responses;

/// <summary>Events the client adds to a stream (they never come from the server).</summary>
public static class ClientEventTypes
{
    /// <summary>The chain lost its server-side state and replayed its full context (see <see cref="ChainReplayedEvent"/>).</summary>
    public const string ChainReplayed = "tandem.chain.replayed";

    /// <summary>A replay-safe turn failed mid-stream and starts again: discard its partial output.</summary>
    public const string TurnRestarted = "tandem.turn.restarted";

    /// <summary>WebSocket mode was refused (426); the client continues over HTTP+SSE.</summary>
    public const string TransportFallback = "tandem.transport.fallback";
}
