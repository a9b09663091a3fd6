namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.create</c>: Asks the model for a response, optionally with per-response overrides.</summary>
public sealed record RealtimeResponseCreateEvent : RealtimeClientEvent
{
    public RealtimeResponseCreateEvent()
        : base(RealtimeClientEventTypes.ResponseCreate)
    {
    }

    public RealtimeResponseCreateOptions? Response { get; set; }
}
