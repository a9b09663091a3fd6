using System.Net.WebSockets;

namespace Tandem.Voice.Realtime;

/// <summary>The WebSocket could not be opened, or it ended: the session is over (Realtime state lives on the server, so there is no resuming it).</summary>
public sealed class RealtimeConnectionException : RealtimeException
{
    public RealtimeConnectionException(string message, Exception? innerException = null, int? httpStatus = null, WebSocketCloseStatus? closeStatus = null)
        : base(message, innerException)
    {
        HttpStatus = httpStatus;
        CloseStatus = closeStatus;
    }

    /// <summary>The HTTP status of a refused handshake (e.g. 401 for a bad key).</summary>
    public int? HttpStatus { get; }

    /// <summary>The close status the server sent, when it closed the connection.</summary>
    public WebSocketCloseStatus? CloseStatus { get; }
}
