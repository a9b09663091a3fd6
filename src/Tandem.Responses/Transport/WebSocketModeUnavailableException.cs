namespace Tandem.Responses.Transport;

/// <summary>The server answered the WebSocket upgrade with 426: use HTTP+SSE instead.</summary>
internal sealed class WebSocketModeUnavailableException(string message) : Exception(message);
