using Tandem.Responses.Protocol;

namespace Tandem.Server.Endpoints;

/// <summary>The error a client gets when the server itself failed: the API's wording, the request id, nothing of the cause (checklist S10).</summary>
internal static class ServerErrors
{
    public static ApiError Generic(string requestId) => new()
    {
        Type = ErrorCodes.ServerError,
        Code = null,
        Param = null,
        Message = $"The server had an error while processing your request. Sorry about that! You can retry your request. (Please include the request ID {requestId} if you report this error.)",
    };
}
