using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Tandem.Server.Operations;
using Tandem.Server.Sessions;

namespace Tandem.Server.Endpoints;

/// <summary>
/// Every request: an <c>x-request-id</c> (and <c>openai-version</c>) on the answer, Bearer
/// authentication for <c>/v1</c>, and one log line.
/// </summary>
internal static class RequestPipeline
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, ServerState state)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = IdGenerator.Request();
        context.Response.Headers["x-request-id"] = requestId;
        context.Response.Headers["openai-version"] = "2020-10-01";

        if (context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal))
        {
            if (!state.Authenticator.TryAuthenticate(context, out var owner, out var error))
            {
                if (context.WebSockets.IsWebSocketRequest)
                {
                    // A refused upgrade is a plain HTTP status; WebSocket clients read nothing else.
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer realm=\"Tandem\"";
                }
                else
                {
                    await HttpErrors.WriteAsync(context, error!).ConfigureAwait(false);
                }

                Log(context, state, requestId, started);
                return;
            }

            context.Items[HttpResponsesEndpoints.OwnerKey] = owner;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-answer (e.g. closed an SSE stream early): nothing to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            // Checklist S10: the details stay in the server's log; the client gets the API's generic
            // 500 with the request id to quote — no exception text, stack trace or upstream body.
            ServerLog.HttpFailed(state.Logger, ex, context.Request.Method, context.Request.Path.Value ?? string.Empty, requestId);
            context.Response.Clear();
            context.Response.Headers["x-request-id"] = requestId;
            await HttpErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, ServerErrors.Generic(requestId)).ConfigureAwait(false);
        }
        finally
        {
            Log(context, state, requestId, started);
        }
    }

    private static void Log(HttpContext context, ServerState state, string requestId, long started)
    {
        if (state.Options.RequestLogging)
        {
            ServerLog.HttpRequest(state.Logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Response.StatusCode, requestId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
