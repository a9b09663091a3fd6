using System.Threading.Channels;
using Tandem.Responses.Protocol;

namespace Tandem.Responses.Transport;

/// <summary>The response a lane is waiting for: a bounded buffer the receive loop fills.</summary>
internal sealed class ActiveResponse(int capacity)
{
    public Channel<ResponseStreamEvent> Events { get; } = Channel.CreateBounded<ResponseStreamEvent>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait, // a slow consumer slows the socket reader; memory stays bounded
    });

    /// <summary>Set by the receive loop once the terminal event was delivered.</summary>
    public volatile bool TerminalSeen;
}
