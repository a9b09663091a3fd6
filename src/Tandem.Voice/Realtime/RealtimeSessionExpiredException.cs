namespace Tandem.Voice.Realtime;

/// <summary>
/// The session reached its duration cap (<see cref="RealtimeClientOptions.MaxSessionDuration"/>,
/// 60 minutes on OpenAI). The client does not reconnect: the conversation lives on the server and
/// ends with the session; open a new session and seed it with what matters.
/// </summary>
public sealed class RealtimeSessionExpiredException : RealtimeException
{
    public const string ErrorCode = "session_expired";

    public RealtimeSessionExpiredException(TimeSpan cap, DateTimeOffset expiredAt)
        : base(
            $"The Realtime session reached its {Describe(cap)} cap (MaxSessionDuration) at {expiredAt:u}; Realtime state lives on the server, so the client does not reconnect: open a new session and seed it with the history you need.",
            errorType: "client_error",
            code: ErrorCode,
            param: null,
            eventId: null)
    {
        Cap = cap;
        ExpiredAt = expiredAt;
    }

    public TimeSpan Cap { get; }

    public DateTimeOffset ExpiredAt { get; }

    internal static string Describe(TimeSpan cap) =>
        cap.TotalMinutes >= 1 && cap.TotalMinutes == Math.Floor(cap.TotalMinutes)
            ? $"{cap.TotalMinutes:0}-minute"
            : $"{cap.TotalSeconds:0.###}-second";
}
