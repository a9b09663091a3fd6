using Microsoft.AspNetCore.Http;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;
using Tandem.Server.Sessions;

namespace Tandem.Server.Endpoints;

/// <summary>Writes the flat HTTP error body <c>{"error":{message,type,param,code}}</c>.</summary>
internal static class HttpErrors
{
    public static Task WriteAsync(HttpContext context, ProtocolException error) => WriteAsync(context, error.Status, error.Error);

    public static async Task WriteAsync(HttpContext context, int status, ApiError error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"Tandem\"";
        }

        ProtocolJson.Write(context.Response.BodyWriter, new ApiErrorResponse { Error = error });
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
