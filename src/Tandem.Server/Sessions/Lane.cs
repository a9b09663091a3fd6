using System.Threading.Channels;

namespace Tandem.Server.Sessions;

/// <summary>
/// One lane of a connection: a bounded FIFO and the worker that drains it. Responses of one lane
/// run in order; lanes run concurrently.
/// </summary>
internal sealed class Lane
{
    public Lane(string id, int capacity)
    {
        Id = id;
        Queue = Channel.CreateBounded<LaneWork>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait, // a full lane stops the reader: back-pressure, nothing dropped
        });
    }

    /// <summary>The <c>stream_id</c>, or empty for the default lane.</summary>
    public string Id { get; }

    public Channel<LaneWork> Queue { get; }

    public Task Worker { get; set; } = Task.CompletedTask;
}
