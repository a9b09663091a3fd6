using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Tandem.Server.Tests.Support;
using static Tandem.Server.Tests.Sessions.WebSocketTestKit;

namespace Tandem.Server.Tests.Sessions;

/// <summary>
/// Bad frames on one connection (rule 15): each gets its error or close code, and the server keeps
/// serving other connections, with what it stored before still retrievable over HTTP.
/// </summary>
public sealed class WebSocketRawFrameTests
{
    private const int MaxMessageBytes = 4096;

    // Rule 15: a text frame that is not one JSON object gets invalid_json; the same connection goes on.
    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"type":"response.create","model":"tandem-default",""")]
    [InlineData("""{"type":"response.create","model":"tandem-default","input":"a"}{"type":"response.create","model":"tandem-default","input":"b"}""")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Frame_MalformedJson_ReturnsInvalidJsonAndConnectionStaysUsable(string text)
    {
        await using var server = await StartAsync();
        var storedId = await StoreOneAsync(server);
        await using var bystander = await server.ConnectAsync();
        await using var victim = await server.ConnectAsync();

        await victim.SendAsync(text);

        AssertErrorEnvelope(await victim.ReceiveAsync(), "invalid_json", null);
        Assert.Equal("You said: \"after bad json\"", OutputText(await CompleteAsync(victim, TextRequest("after bad json"))));
        await AssertStillServingAsync(server, bystander, storedId);
    }

    // Rule 15: only response.create exists (there is no response.cancel in WebSocket mode).
    [Theory]
    [InlineData("response.cancel")]
    [InlineData("foo")]
    [InlineData("response.steer.unknown")]
    public async Task Frame_UnsupportedEventType_ReturnsInvalidValueForType(string type)
    {
        await using var server = await StartAsync();
        var storedId = await StoreOneAsync(server);
        await using var bystander = await server.ConnectAsync();
        await using var victim = await server.ConnectAsync();

        await victim.SendAsync(new JsonObject { ["type"] = type, ["response_id"] = storedId });

        var error = AssertErrorEnvelope(await victim.ReceiveAsync(), "invalid_value", "type");
        Assert.Contains("response.create", (string)error["message"]!, StringComparison.Ordinal);
        Assert.Equal("You said: \"after bad type\"", OutputText(await CompleteAsync(victim, TextRequest("after bad type"))));
        await AssertStillServingAsync(server, bystander, storedId);
    }

    // Rule 15: binary frames are refused with 1003.
    [Fact]
    public async Task Frame_Binary_ClosesWithInvalidMessageType()
    {
        await using var server = await StartAsync();
        var storedId = await StoreOneAsync(server);
        await using var bystander = await server.ConnectAsync();
        await using var victim = await server.ConnectAsync();

        var bytes = Encoding.UTF8.GetBytes(TextRequest("as binary").ToJsonString());
        await victim.Socket.SendAsync(bytes, WebSocketMessageType.Binary, true, TestContext.Current.CancellationToken);

        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, await victim.ReceiveCloseAsync());
        await AssertStillServingAsync(server, bystander, storedId);
    }

    // Rule 15: a message over MaxMessageBytes closes with 1009.
    [Fact]
    public async Task Frame_OverMaxMessageBytes_ClosesWithMessageTooBig()
    {
        await using var server = await StartAsync();
        var storedId = await StoreOneAsync(server);
        await using var bystander = await server.ConnectAsync();
        await using var victim = await server.ConnectAsync();

        await victim.SendAsync(TextRequest(new string('x', 10 * 1024)));

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await victim.ReceiveCloseAsync());
        await AssertStillServingAsync(server, bystander, storedId);
    }

    // Rule 15: the limit holds for a message split into many small frames.
    [Fact]
    public async Task Frame_OverMaxMessageBytesInFragments_ClosesWithMessageTooBig()
    {
        await using var server = await StartAsync();
        var storedId = await StoreOneAsync(server);
        await using var bystander = await server.ConnectAsync();
        await using var victim = await server.ConnectAsync();

        // One message sent as many small frames: the limit is on the message, not the frame.
        var bytes = Encoding.UTF8.GetBytes(TextRequest(new string('x', 10 * 1024)).ToJsonString());
        try
        {
            for (var offset = 0; offset < bytes.Length; offset += 512)
            {
                var count = Math.Min(512, bytes.Length - offset);
                await victim.Socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, offset + count == bytes.Length, TestContext.Current.CancellationToken);
            }
        }
        catch (WebSocketException)
        {
            // The server may close before the last fragment is out; the close status below is what counts.
        }

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await victim.ReceiveCloseAsync());
        await AssertStillServingAsync(server, bystander, storedId);
    }

    // Rule 15: a text frame that is not UTF-8 closes with 1007.
    [Fact]
    public async Task Frame_InvalidUtf8_ClosesWithInvalidPayloadData()
    {
        await using var server = await StartAsync();
        var storedId = await StoreOneAsync(server);
        await using var bystander = await server.ConnectAsync();
        byte[] bytes = [.. """{"type":"response.create","model":"tandem-default","input":" """u8, 0xC3, 0x28, .. "\"}"u8];

        // Several victims: the close frame once raced a connection reset and was lost on most attempts.
        for (var i = 0; i < 10; i++)
        {
            await using var victim = await server.ConnectAsync();
            await victim.Socket.SendAsync(bytes, WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

            Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, await victim.ReceiveCloseAsync());
        }

        await AssertStillServingAsync(server, bystander, storedId);
    }

    private static Task<TestServer> StartAsync() => TestServer.StartAsync(o => o.MaxMessageBytes = MaxMessageBytes);

    /// <summary>Stores one response (store:true) over WebSocket mode and returns its id.</summary>
    private static async Task<string> StoreOneAsync(TestServer server)
    {
        await using var ws = await server.ConnectAsync();
        return Id(await CompleteAsync(ws, TextRequest("keep this", store: true)));
    }

    /// <summary>
    /// The bad input hurt nobody else: a connection opened before it and one opened after it both
    /// serve, and the response stored before it is still there over HTTP (and still continues).
    /// </summary>
    private static async Task AssertStillServingAsync(TestServer server, WsTestClient bystander, string storedId)
    {
        Assert.Equal("You said: \"bystander\"", OutputText(await CompleteAsync(bystander, TextRequest("bystander"))));

        await using var fresh = await server.ConnectAsync();
        var continued = await CompleteAsync(fresh, TextRequest("continue stored", store: true, previousResponseId: storedId));
        Assert.Equal(storedId, (string?)continued["previous_response_id"]);

        using var get = await server.Http.GetAsync($"/v1/responses/{storedId}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var stored = JsonNode.Parse(await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        Assert.Equal(storedId, Id(stored));
        Assert.Equal("You said: \"keep this\"", OutputText(stored));
    }
}
