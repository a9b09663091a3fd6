using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tandem.Responses.Protocol;
using Tandem.Server.Realtime;

namespace Tandem.Server.Endpoints;

/// <summary>
/// The local Realtime endpoint: <c>GET /v1/realtime?model=…</c> upgraded to a WebSocket (the GA
/// protocol, one JSON event per text frame). Authentication is the Responses endpoints' Bearer
/// check (RequestPipeline); a refused request gets an HTTP error in OpenAI's shape.
/// </summary>
internal static class RealtimeEndpoint
{
    public const string Path = "/v1/realtime";

    public static void Map(IEndpointRouteBuilder app, RealtimeHub? hub) =>
        app.MapGet(Path, context => AcceptAsync(context, hub));

    private static async Task AcceptAsync(HttpContext context, RealtimeHub? hub)
    {
        if (hub is null)
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status404NotFound, new ApiError
            {
                Message = $"Invalid URL (GET {Path}): the Realtime endpoint is disabled on this server.",
                Type = ErrorCodes.InvalidRequestError,
            }).ConfigureAwait(false);
            return;
        }

        var requested = context.Request.Query["model"].ToString();
        var model = requested.Length == 0 ? hub.Options.DefaultModel : requested;
        if (!hub.Models.Contains(model))
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status404NotFound, new ApiError
            {
                Message = $"Model '{Clip(model)}' is not available on this server; use {hub.Models.NamesForMessage}.",
                Type = ErrorCodes.InvalidRequestError,
                Param = "model",
                Code = "model_not_found",
            }).ConfigureAwait(false);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status400BadRequest, new ApiError
            {
                Message = $"GET {Path} is a WebSocket endpoint: connect with a WebSocket upgrade (ws://…{Path}?model={hub.Models.Names[0]}). Models available: {hub.Models.NamesForMessage}.",
                Type = ErrorCodes.InvalidRequestError,
            }).ConfigureAwait(false);
            return;
        }

        // Browser clients offer the "realtime" subprotocol; a client that offers it must get it back.
        var subProtocol = context.WebSockets.WebSocketRequestedProtocols.Contains("realtime") ? "realtime" : null;
        var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = subProtocol,
            DangerousEnableCompression = false,
            KeepAliveInterval = hub.Server.WebSocketKeepAlive,
        }).ConfigureAwait(false);

        var session = new RealtimeSession(socket, hub, model);
        hub.Opened(session);
        try
        {
            await session.RunAsync(context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            hub.Closed(session);

            // As on /v1/responses: a socket the WebSocket layer aborted has written its close frame;
            // disposing it would reset the connection before the client reads it.
            if (socket.State != WebSocketState.Aborted)
            {
                socket.Dispose();
            }
        }
    }

    private static string Clip(string value) => value.Length > 64 ? value[..64] + "…" : value;
}
