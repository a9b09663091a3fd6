using Tandem.Responses;

namespace Tandem.Benchmarks.Turns.Runners;

/// <summary>The runner of each <see cref="TurnClient"/>, for the benchmarks and the plain loop alike.</summary>
public static class TurnRunners
{
    public static ITurnRunner Create(TurnClient client, Uri baseAddress, History? history) => client switch
    {
        TurnClient.TandemHttp => new TandemTurnRunner(baseAddress, ResponsesTransportKind.HttpSse, history),
        TurnClient.TandemWebSocket => new TandemTurnRunner(baseAddress, ResponsesTransportKind.WebSocket, history),
        TurnClient.TandemWebSocketPooled => new TandemTurnRunner(baseAddress, ResponsesTransportKind.WebSocket, history, deliverEventsInline: false),
        TurnClient.TandemHttpNoSpin => new TandemTurnRunner(baseAddress, ResponsesTransportKind.HttpSse, history, spin: false),
        TurnClient.TandemWebSocketNoSpin => new TandemTurnRunner(baseAddress, ResponsesTransportKind.WebSocket, history, spin: false),
        TurnClient.RawHttp => new RawHttpTurnRunner(baseAddress, history),
        TurnClient.RawWebSocket => history is null ? new RawWebSocketTurnRunner(baseAddress) : throw new NotSupportedException("The raw WebSocket client sends no history."),
        TurnClient.OpenAiSdk => new OpenAiSdkTurnRunner(baseAddress, history),
        _ => throw new ArgumentOutOfRangeException(nameof(client)),
    };
}
