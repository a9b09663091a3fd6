using Microsoft.Extensions.Logging;

namespace Tandem.Responses.Transport;

/// <summary>Log lines of the WebSocket transport (key fingerprints only, never keys).</summary>
internal sealed partial class WebSocketTransport
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "websocket connection {Generation} open (key {KeyId})")]
        public static partial void Connected(ILogger logger, long generation, string keyId);

        [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "websocket connection {Generation} ended: {Reason}")]
        public static partial void ConnectionEnded(ILogger logger, long generation, string reason);

        [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "websocket reconnected as connection {Generation} after {Attempts} attempt(s)")]
        public static partial void Reconnected(ILogger logger, long generation, int attempts);

        [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "websocket connection {Generation} rotated at {AgeMinutes:0.0} minutes")]
        public static partial void Rotating(ILogger logger, long generation, double ageMinutes);

        [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "websocket connect attempt {Attempt} failed: {Error}")]
        public static partial void ConnectFailed(ILogger logger, int attempt, string error);

        [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "websocket connection {Generation} silent for {Seconds:0.#} s with a response in flight: aborting")]
        public static partial void IdleTimeout(ILogger logger, long generation, double seconds);

        [LoggerMessage(EventId = 206, Level = LogLevel.Debug, Message = "event {Type} for lane '{Lane}' that has no response in flight: dropped")]
        public static partial void EventWithoutLane(ILogger logger, string type, string lane);

        [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "lane '{Lane}' could not drain an abandoned response ({Error}): connection dropped")]
        public static partial void LaneDrainFailed(ILogger logger, string lane, string error);
    }
}
