namespace Tandem.Responses;

/// <summary>The server refused WebSocket mode (426); this client now uses HTTP+SSE.</summary>
public sealed class TransportFallbackEvent : ResponseStreamEventBase
{
    public TransportFallbackEvent(string reason)
    {
        Type = ClientEventTypes.TransportFallback;
        Reason = reason;
    }

    public string Reason { get; }
}
