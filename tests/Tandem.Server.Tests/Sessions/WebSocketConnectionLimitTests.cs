using System.Net.WebSockets;
using Tandem.Server.Tests.Support;
using static Tandem.Server.Tests.Sessions.WebSocketTestKit;

namespace Tandem.Server.Tests.Sessions;

/// <summary>The connection lifetime cap (OpenAI: 60 minutes), shortened to a second here.</summary>
public sealed class WebSocketConnectionLimitTests
{
    // Rule 13: at the cap the server says websocket_connection_limit_reached, then closes normally.
    [Fact]
    public async Task Connection_MaxDurationReached_SendsLimitErrorThenClosesNormally()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxConnectionDuration = TimeSpan.FromSeconds(1));
        await using var ws = await server.ConnectAsync();
        Assert.Equal("You said: \"before the cap\"", OutputText(await CompleteAsync(ws, TextRequest("before the cap"))));

        var error = await ws.ReceiveAsync();

        AssertErrorEnvelope(error, "websocket_connection_limit_reached", null);
        Assert.False(error.ContainsKey("stream_id"));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await ws.ReceiveCloseAsync());
        Assert.Equal("websocket_connection_limit_reached", ws.Socket.CloseStatusDescription);

        // The documented recovery: open a new socket.
        await using var next = await server.ConnectAsync();
        Assert.Equal("You said: \"after the cap\"", OutputText(await CompleteAsync(next, TextRequest("after the cap"))));
    }
}
