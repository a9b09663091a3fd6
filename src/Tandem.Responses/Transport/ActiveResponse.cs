namespace Tandem.Responses.Transport;

/// <summary>The response a lane is waiting for: a bounded buffer the receive loop fills.</summary>
/// <remarks>
/// The buffer outlives the response when the response ended cleanly (see <see cref="LaneGate.TakeIdleEvents"/>):
/// made once per lane instead of once per turn.
/// </remarks>
internal sealed class ActiveResponse(LaneBuffer events)
{
    public LaneBuffer Events { get; } = events;

    /// <summary>Set by the receive loop once the terminal event was delivered.</summary>
    public volatile bool TerminalSeen;

    /// <summary>Receive loop only: events were written since the last flush.</summary>
    public bool Unflushed;
}
