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

    /// <summary>
    /// A lane's buffer. Inline (<see cref="ResponsesClientOptions.DeliverEventsInline"/>), the receive
    /// loop runs a woken reader itself instead of queueing it to the thread pool: one thread-pool hop
    /// (a wake-up, and a worker spinning for work) less per burst. The reader runs until its next
    /// await that does not complete at once, so it delays the socket only by the work it does (other
    /// lanes of the connection wait that long too). A consumer that blocks its thread until the same
    /// stream moves on (sync over async) would then deadlock the connection instead of only wasting
    /// a thread. A slow consumer slows the socket reader: memory stays bounded.
    /// </summary>
    public static LaneBuffer CreateEvents(int capacity, bool inline) => new(capacity, inline);
}
