using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tandem.Server.Sessions;

namespace Tandem.Server.Endpoints;

/// <summary>The WebSocket-mode upgrade on <c>GET /v1/responses</c>.</summary>
internal static class WebSocketEndpoint
{
    public static void Map(IEndpointRouteBuilder app, ServerState state) =>
        app.MapGet("/v1/responses", context => AcceptAsync(context, state));

    private static async Task AcceptAsync(HttpContext context, ServerState state)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await HttpErrors.WriteAsync(context, new ProtocolException(404, "Invalid URL (GET /v1/responses)")).ConfigureAwait(false);
            return;
        }

        if (!state.Options.EnableWebSocket)
        {
            // 426 tells WebSocket-mode clients to use HTTP+SSE instead (as servers without WebSocket mode answer).
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            await HttpErrors.WriteAsync(context, 426, new Responses.Protocol.ApiError
            {
                Message = "WebSocket mode is disabled on this server; use HTTP (POST /v1/responses).",
                Type = Responses.Protocol.ErrorCodes.InvalidRequestError,
            }).ConfigureAwait(false);
            return;
        }

        var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            DangerousEnableCompression = false,
            KeepAliveInterval = state.Options.WebSocketKeepAlive,
        }).ConfigureAwait(false);

        var session = new WebSocketSession(socket, state, HttpResponsesEndpoints.Owner(context));
        state.ConnectionOpened(session);
        try
        {
            await session.RunAsync(context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            state.ConnectionClosed(session);

            // When the WebSocket layer fails the connection itself (invalid UTF-8 → 1007, a protocol
            // error → 1002) it has already written its close frame and left the socket Aborted.
            // Disposing it then resets the TCP connection, which usually destroys that close frame
            // before the client reads it; left alone, Kestrel ends the connection gracefully when
            // this handler returns.
            if (socket.State != WebSocketState.Aborted)
            {
                socket.Dispose();
            }
        }
    }
}
