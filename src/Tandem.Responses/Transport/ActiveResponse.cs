using System.Threading.Channels;
using Tandem.Responses.Protocol;

namespace Tandem.Responses.Transport;

/// <summary>The response a lane is waiting for: a bounded buffer the receive loop fills.</summary>
/// <remarks>
/// The buffer outlives the response when the response ended cleanly (see <see cref="LaneGate.TakeIdleEvents"/>):
/// a channel is a few objects and arrays, made once per lane instead of once per turn.
/// </remarks>
internal sealed class ActiveResponse(Channel<ResponseStreamEvent> events)
{
    public Channel<ResponseStreamEvent> Events { get; } = events;

    /// <summary>Set by the receive loop once the terminal event was delivered.</summary>
    public volatile bool TerminalSeen;

    public static Channel<ResponseStreamEvent> CreateEvents(int capacity, bool inline) => Channel.CreateBounded<ResponseStreamEvent>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait, // a slow consumer slows the socket reader; memory stays bounded

        // The receive loop runs a waiting reader's continuation itself instead of queueing it to the
        // thread pool: one thread-pool hop (a wake-up, and a worker spinning for work) less per event.
        // The reader runs until its next await that does not complete at once, so it delays the
        // socket only by the work it does per event (other lanes of the connection wait that long too).
        // A consumer that blocks its thread until the same stream moves on (sync over async) would
        // now deadlock the connection instead of only wasting a thread.
        AllowSynchronousContinuations = inline, // ResponsesClientOptions.DeliverEventsInline
    });
}
