namespace Tandem.Responses.Protocol;

/// <summary>Error <c>type</c> and <c>code</c> values used on the wire.</summary>
public static class ErrorCodes
{
    public const string InvalidRequestError = "invalid_request_error";
    public const string ServerError = "server_error";
    public const string InvalidApiKey = "invalid_api_key";
    public const string PreviousResponseNotFound = "previous_response_not_found";
    public const string WebSocketConnectionLimitReached = "websocket_connection_limit_reached";
    public const string WebSocketStreamLimitReached = "websocket_stream_limit_reached";
    public const string InvalidStreamId = "invalid_stream_id";
    public const string ModelNotFound = "model_not_found";
    public const string InvalidJson = "invalid_json";
    public const string UnknownParameter = "unknown_parameter";
    public const string InvalidType = "invalid_type";
    public const string MissingRequiredParameter = "missing_required_parameter";
    public const string InvalidValue = "invalid_value";
    public const string UnsupportedValue = "unsupported_value";
    public const string RateLimitExceeded = "rate_limit_exceeded";
    public const string ContextLengthExceeded = "context_length_exceeded";
    public const string InvalidEncryptedContent = "invalid_encrypted_content";
}
