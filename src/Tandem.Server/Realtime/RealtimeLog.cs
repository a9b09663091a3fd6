using Microsoft.Extensions.Logging;

namespace Tandem.Server.Realtime;

/// <summary>The Realtime endpoint's log lines. No audio, transcripts or keys: ids, counts and codes only.</summary>
internal static partial class RealtimeLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "realtime {SessionId} opened model={Model}")]
    public static partial void SessionOpened(ILogger logger, string sessionId, string model);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information,
        Message = "realtime {SessionId} closed reason={Reason} responses={Responses} items={Items} audio_s={AudioSeconds:F1} elapsed_s={ElapsedSeconds:F1}")]
    public static partial void SessionClosed(ILogger logger, string sessionId, string reason, int responses, int items, double audioSeconds, double elapsedSeconds);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "realtime {SessionId} refused {EventType}: code={Code} param={Param}")]
    public static partial void EventRefused(ILogger logger, string sessionId, string eventType, string? code, string? param);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "realtime {SessionId} recogniser {Model} failed: {Error}")]
    public static partial void RecognitionFailed(ILogger logger, string sessionId, string model, string error);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information,
        Message = "realtime {SessionId} response {ResponseId} status={Status} output={Output} input_tokens={InputTokens} output_tokens={OutputTokens}")]
    public static partial void ResponseDone(ILogger logger, string sessionId, string responseId, string status, string output, int inputTokens, int outputTokens);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "realtime {SessionId} failed: {Error}")]
    public static partial void SessionFailed(ILogger logger, string sessionId, string error);

    [LoggerMessage(EventId = 107, Level = LogLevel.Error, Message = "realtime {SessionId} internal error handling {EventType}")]
    public static partial void InternalError(ILogger logger, Exception exception, string sessionId, string eventType);
}
