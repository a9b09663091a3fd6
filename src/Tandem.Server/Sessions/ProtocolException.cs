using Tandem.Responses.Protocol;

namespace Tandem.Server.Sessions;

/// <summary>A request the server refuses: an HTTP status and the OpenAI error object to send.</summary>
public sealed class ProtocolException : Exception
{
    public ProtocolException(int status, string message, string? code = null, string? param = null, string type = ErrorCodes.InvalidRequestError)
        : base(message)
    {
        Status = status;
        Error = new ApiError { Message = message, Type = type, Code = code, Param = param };
    }

    public int Status { get; }

    public ApiError Error { get; }

    public static ProtocolException BadRequest(string message, string? code = null, string? param = null) => new(400, message, code, param);

    public static ProtocolException NotFound(string message) => new(404, message);

    public static ProtocolException PreviousResponseNotFound(string id) =>
        new(400, $"Previous response with id '{id}' not found.", ErrorCodes.PreviousResponseNotFound, "previous_response_id");

    public static ProtocolException ResponseNotFound(string id) => new(404, $"Response with id '{id}' not found.");
}
