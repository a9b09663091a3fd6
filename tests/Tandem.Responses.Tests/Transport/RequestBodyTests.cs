using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;
using Tandem.Responses.Tests.Support;
using Tandem.Responses.Transport;

namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// The transports write a request without copying it per turn (HTTP adds <c>"stream":true</c>,
/// WebSocket puts <c>"type"</c> and the lane in front): the JSON must carry exactly what writing
/// an adjusted copy carried, for every request shape.
/// </summary>
public sealed class RequestBodyTests
{
    public static TheoryData<string> Requests() => new(
        "{}",
        """{"model":"m","input":"Hi!"}""",
        """{"model":"m","input":[{"role":"user","content":"a"},{"type":"function_call_output","call_id":"c","output":"x"}],"store":false,"include":["reasoning.encrypted_content"],"metadata":{"k":"v"},"custom_field":{"a":1}}""",
        """{"model":"m","input":"Hi!","stream":true}""",
        """{"model":"m","input":"Hi!","stream":false}""",
        """{"type":"response.create","model":"m","input":"Hi!","stream_id":"other"}""",
        """{"model":"m","input":"Hi!","generate":false,"stream":true}""");

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task StreamAsync_Http_SendsTheRequestWithStreamTrueAndNoWebSocketFields(string json)
    {
        var ct = TestContext.Current.CancellationToken;
        var request = ProtocolJson.Deserialize<ResponseCreateRequest>(json)!;
        var before = ProtocolJson.Serialize(request);
        var handler = new ScriptedHandler(_ => FakeHttp.EventStream(FakeHttp.Sse(FakeHttp.TextTurn("resp_1", "Hi"))));
        await using var client = FakeHttp.Client(handler);

        await foreach (var _ in client.StreamAsync(request, cancellationToken: ct))
        {
        }

        var expected = request.Clone();
        expected.Stream = true;
        expected.Type = null;
        expected.StreamId = null;
        var body = Assert.Single(handler.Requests).Body!;
        AssertSameMembers(ProtocolJson.Serialize(expected), body);
        Assert.Equal(before, ProtocolJson.Serialize(request)); // the caller's request is left as it was
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void WriteCreateEvent_WritesTheRequestAsResponseCreateWithTheLane(string json)
    {
        foreach (var lane in new[] { null, "lane-1", "l\"a\\ne" })
        {
            var request = ProtocolJson.Deserialize<ResponseCreateRequest>(json)!;
            var before = ProtocolJson.Serialize(request);
            var connection = new WebSocketConnection(new ClientWebSocket(), 1, DateTimeOffset.UnixEpoch, 0);

            var length = WebSocketTransport.WriteCreateEvent(connection, request, lane);

            var expected = request.Clone();
            expected.Type = ResponseEventTypes.ResponseCreate;
            expected.StreamId = lane;
            expected.Stream = null;
            var written = Encoding.UTF8.GetString(connection.SendBuffer.WrittenSpan[..length]);
            AssertSameMembers(ProtocolJson.Serialize(expected), written);
            Assert.StartsWith("""{"type":"response.create""", written, StringComparison.Ordinal);
            Assert.Equal(before, ProtocolJson.Serialize(request));
        }
    }

    /// <summary>The same members with the same values, each once; the order may differ.</summary>
    private static void AssertSameMembers(string expected, string actual)
    {
        using var document = JsonDocument.Parse(actual);
        var names = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\nactual   {actual}");
    }
}
