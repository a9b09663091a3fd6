using System.Net.WebSockets;

namespace Tandem.Responses.Transport;

/// <summary>A refused or failed upgrade, with the HTTP status and headers the server answered (0 when none).</summary>
internal sealed class WebSocketHandshakeException(int status, IReadOnlyDictionary<string, string> headers, WebSocketException inner)
    : Exception($"WebSocket handshake failed{(status > 0 ? $" with HTTP {status}" : string.Empty)}: {inner.Message}", inner)
{
    public int Status { get; } = status;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers;
}
