namespace Tandem.Benchmarks.Turns;

/// <summary>The clients a turn is measured with.</summary>
public enum TurnClient
{
    TandemHttp,
    TandemWebSocket,
    RawHttp,
    RawWebSocket,
    OpenAiSdk,
}
