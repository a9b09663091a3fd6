using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Voice.Realtime;

/// <summary>
/// An event <see cref="RealtimeClient"/> adds to the stream itself: never sent by a server, its
/// <c>type</c> starts with <c>tandem.</c>.
/// </summary>
public abstract record RealtimeLocalEvent : RealtimeServerEvent
{
    public const string TypePrefix = "tandem.";

    protected RealtimeLocalEvent(string type)
        : base(type)
    {
    }

    /// <summary>What happened, in words.</summary>
    public string Message { get; set; } = string.Empty;
}
