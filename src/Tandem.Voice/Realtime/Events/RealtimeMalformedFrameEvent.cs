namespace Tandem.Voice.Realtime;

/// <summary>
/// <c>tandem.malformed_frame</c>: a server message that is not a valid event (not JSON, not an
/// object, a field of the wrong kind, a binary or oversized message). The session goes on; the
/// message is reported here instead of ending the stream.
/// </summary>
public sealed record RealtimeMalformedFrameEvent : RealtimeLocalEvent
{
    public const string EventType = TypePrefix + "malformed_frame";

    public RealtimeMalformedFrameEvent()
        : base(EventType)
    {
    }

    /// <summary>The start of the message as text (at most a few KB), when it was text.</summary>
    public string? Frame { get; set; }

    /// <summary>The message's length in bytes.</summary>
    public long ByteCount { get; set; }
}
