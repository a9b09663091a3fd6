namespace Tandem.Benchmarks.Turns;

/// <summary>The clients a turn is measured with.</summary>
public enum TurnClient
{
    TandemHttp,
    TandemWebSocket,

    /// <summary>Tandem over WebSocket with <c>DeliverEventsInline = false</c>: each burst of events resumes its reader on the thread pool.</summary>
    TandemWebSocketPooled,

    /// <summary>Tandem over HTTP+SSE with <c>ReceiveSpinLimit = 0</c>: its connection's thread sleeps as soon as it finds no data.</summary>
    TandemHttpNoSpin,

    /// <summary>Tandem over WebSocket with <c>ReceiveSpinLimit = 0</c>: its connection's thread sleeps as soon as it finds no data.</summary>
    TandemWebSocketNoSpin,
    RawHttp,
    RawWebSocket,
    OpenAiSdk,
}
