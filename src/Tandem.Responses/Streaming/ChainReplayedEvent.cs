namespace Tandem.Responses;

/// <summary>The chain replayed its full context on a new chain; the turn goes on. Not a failure.</summary>
public sealed class ChainReplayedEvent : ResponseStreamEventBase
{
    public ChainReplayedEvent(string reason, int items)
    {
        Type = ClientEventTypes.ChainReplayed;
        Reason = reason;
        Items = items;
    }

    /// <summary>Why: <c>previous_response_not_found</c>, <c>connection_changed</c> or <c>connection_lost</c>.</summary>
    public string Reason { get; }

    /// <summary>Items resent.</summary>
    public int Items { get; }
}
