namespace Tandem.Responses;

/// <summary>A replay-safe turn failed after it had streamed output and runs again: discard what it streamed so far.</summary>
public sealed class TurnRestartedEvent : ResponseStreamEventBase
{
    public TurnRestartedEvent(string reason)
    {
        Type = ClientEventTypes.TurnRestarted;
        Reason = reason;
    }

    public string Reason { get; }
}
