namespace Tandem.Benchmarks.Turns;

/// <summary>The clients a turn is measured with.</summary>
public enum TurnClient
{
    TandemHttp,
    TandemWebSocket,

    /// <summary>Tandem over WebSocket with <c>DeliverEventsInline = false</c>: each burst of events resumes its reader on the thread pool.</summary>
    TandemWebSocketPooled,
    RawHttp,
    RawWebSocket,
    OpenAiSdk,
}
