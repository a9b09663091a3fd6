using Microsoft.Extensions.Logging;

namespace Tandem.Voice.Realtime;

/// <summary>Log lines of the Realtime client (never the key; server text is scrubbed first).</summary>
public sealed partial class RealtimeClient
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 600, Level = LogLevel.Debug, Message = "realtime session open to {Endpoint} (model {Model})")]
        public static partial void Connected(ILogger logger, string endpoint, string model);

        [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "realtime session ended: {Reason}")]
        public static partial void ConnectionEnded(ILogger logger, string reason);

        [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "realtime server sent a malformed message: {Problem}")]
        public static partial void MalformedFrame(ILogger logger, string problem);

        [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "realtime session reaches its {Cap} cap in {Seconds:0} s")]
        public static partial void SessionExpiring(ILogger logger, double seconds, string cap);

        [LoggerMessage(EventId = 604, Level = LogLevel.Warning, Message = "realtime session reached its {Cap} cap: closing, no reconnect")]
        public static partial void SessionExpired(ILogger logger, string cap);

        [LoggerMessage(EventId = 605, Level = LogLevel.Debug, Message = "realtime server error {Code}: {Message}")]
        public static partial void ServerError(ILogger logger, string? code, string? message);
    }
}
