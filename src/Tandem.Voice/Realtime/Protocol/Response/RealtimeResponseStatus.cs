namespace Tandem.Voice.Realtime.Protocol;

/// <summary>Values of a response's <c>status</c>.</summary>
public static class RealtimeResponseStatus
{
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";
    public const string Incomplete = "incomplete";
}
