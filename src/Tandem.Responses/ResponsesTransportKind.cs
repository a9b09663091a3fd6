namespace Tandem.Responses;

/// <summary>How a <see cref="ResponsesClient"/> talks to the server.</summary>
public enum ResponsesTransportKind
{
    /// <summary>One POST per turn, events as Server-Sent Events.</summary>
    HttpSse,

    /// <summary>One persistent socket to <c>/v1/responses</c> (WebSocket mode); falls back to HTTP+SSE when the server answers 426.</summary>
    WebSocket,
}
