using Microsoft.Extensions.Logging;
using Tandem.Server.Sessions;

namespace Tandem.Server.Operations;

/// <summary>One structured line per request and per turn. Keys never appear: owners are hashes.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "response {ResponseId} transport={Transport} lane={Lane} model={Model} status={Status} input_tokens={InputTokens} cached_tokens={CachedTokens} output_tokens={OutputTokens} loaded_items={LoadedItems} elapsed_ms={ElapsedMs:F1}")]
    public static partial void ResponseCompleted(ILogger logger, string responseId, Transport transport, string lane, string model, string status, int inputTokens, int cachedTokens, int outputTokens, int loadedItems, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "rejected transport={Transport} lane={Lane} status={Status} code={Code} param={Param}: {ErrorMessage}")]
    public static partial void RequestRejected(ILogger logger, Transport transport, string lane, int status, string? code, string? param, string errorMessage);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "websocket {ConnectionId} opened")]
    public static partial void WebSocketOpened(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "websocket {ConnectionId} closed status={CloseStatus} reason={Reason} responses={Responses} lanes={Lanes} elapsed_s={ElapsedSeconds:F1}")]
    public static partial void WebSocketClosed(ILogger logger, string connectionId, string closeStatus, string reason, int responses, int lanes, double elapsedSeconds);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "http {Method} {Path} status={Status} request_id={RequestId} elapsed_ms={ElapsedMs:F1}")]
    public static partial void HttpRequest(ILogger logger, string method, string path, int status, string requestId, double elapsedMs);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "authentication is off: no API keys configured, every caller shares one owner")]
    public static partial void AuthenticationDisabled(ILogger logger);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "websocket {ConnectionId} failed: {Error}")]
    public static partial void WebSocketFailed(ILogger logger, string connectionId, string error);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "http {Method} {Path} failed request_id={RequestId}")]
    public static partial void HttpFailed(ILogger logger, Exception exception, string method, string path, string requestId);
}
