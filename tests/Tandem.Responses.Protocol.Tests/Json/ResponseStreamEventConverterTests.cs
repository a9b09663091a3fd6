using System.Text;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol.Tests.Json;

public sealed class ResponseStreamEventConverterTests
{
    private static ResponseStreamEvent Parse(string json) => ProtocolJson.ParseEvent(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ParseEvent_UnknownType_IsKeptRawAndWrittenBackVerbatim()
    {
        const string json = """{"type":"response.future_thing.delta","sequence_number":7,"stream_id":"lane-1","payload":{"a":[1,2,{"b":null}]}}""";

        var evt = Parse(json);

        var unknown = Assert.IsType<UnknownStreamEvent>(evt);
        Assert.Equal("response.future_thing.delta", unknown.Type);
        Assert.Equal(7, unknown.SequenceNumber);
        Assert.Equal("lane-1", unknown.StreamId);
        Assert.False(unknown.IsTerminal);
        Assert.Equal(json, ProtocolJson.Serialize(evt));
    }

    [Fact]
    public void ParseEvent_UnknownFieldOnKnownEvent_RoundTrips()
    {
        const string json = """{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi","new_field":{"x":1}}""";

        var evt = Assert.IsType<OutputTextDeltaEvent>(Parse(json));

        Assert.Equal("Hi", evt.Delta);
        Assert.True(evt.ExtensionData!.ContainsKey("new_field"));
        RecordedTrafficRoundTripTests.AssertJsonEqual(json, ProtocolJson.Serialize<ResponseStreamEvent>(evt));
    }

    [Fact]
    public void ParseEvent_TypeNotFirst_StillDispatches()
    {
        // Background-mode streams put keys in a non-canonical order.
        const string json = """{"item":{"arguments":"{}","type":"function_call","call_id":"c","name":"f","id":"fc_1"},"output_index":0,"sequence_number":3,"type":"response.output_item.done"}""";

        var evt = Assert.IsType<OutputItemEvent>(Parse(json));

        var call = Assert.IsType<FunctionCallItem>(evt.Item);
        Assert.Equal("f", call.Name);
        Assert.Equal("{}", call.Arguments);
    }

    [Fact]
    public void ParseEvent_FlatSseError_ReadsCodeMessageParam()
    {
        var evt = Assert.IsType<ErrorEvent>(Parse("""{"type":"error","code":"server_error","message":"boom","param":null,"sequence_number":9}"""));

        Assert.True(evt.IsTerminal);
        Assert.Equal("server_error", evt.EffectiveCode);
        Assert.Equal("boom", evt.EffectiveMessage);
        Assert.Null(evt.EffectiveParam);
        Assert.Equal(9, evt.SequenceNumber);
    }

    [Fact]
    public void ParseEvent_WebSocketEnvelope_ReadsStatusAndNestedError()
    {
        var evt = Assert.IsType<ErrorEvent>(Parse(
            """{"type":"error","status":400,"stream_id":"a","error":{"type":"invalid_request_error","code":"previous_response_not_found","message":"Previous response with id 'resp_1' not found.","param":"previous_response_id"}}"""));

        Assert.Equal(400, evt.Status);
        Assert.Equal("a", evt.StreamId);
        Assert.Equal("previous_response_not_found", evt.EffectiveCode);
        Assert.Equal("previous_response_id", evt.EffectiveParam);
    }

    [Fact]
    public void ParseEvent_EnvelopeVariantsWithStatusCodeAndTopLevelHeaders_AreRead()
    {
        var evt = Assert.IsType<ErrorEvent>(Parse(
            """{"type":"error","status_code":429,"headers":{"retry-after":"3"},"error":{"type":"tokens","code":"rate_limit_exceeded","message":"slow down","param":null,"headers":{"retry-after-ms":"2500"}}}"""));

        Assert.Equal(429, evt.Status);
        Assert.Equal("3", evt.Headers!["retry-after"]);
        Assert.Equal("2500", evt.Error!.Headers!["retry-after-ms"]);
        Assert.Equal("rate_limit_exceeded", evt.EffectiveCode);
    }

    [Fact]
    public void Serialize_ErrorEnvelope_HasTheWebSocketShape()
    {
        var evt = ErrorEvent.Envelope(400, new ApiError { Type = "invalid_request_error", Code = "invalid_stream_id", Message = "bad", Param = "stream_id" }, "lane");

        RecordedTrafficRoundTripTests.AssertJsonEqual(
            """{"type":"error","status":400,"stream_id":"lane","error":{"message":"bad","type":"invalid_request_error","param":"stream_id","code":"invalid_stream_id"}}""",
            ProtocolJson.Serialize<ResponseStreamEvent>(evt));
    }

    [Fact]
    public void Serialize_FlatError_HasTheSseShapeWithExplicitNullParam()
    {
        var json = ProtocolJson.Serialize<ResponseStreamEvent>(ErrorEvent.Flat("server_error", "boom", null, 3));

        Assert.Equal("""{"type":"error","sequence_number":3,"code":"server_error","message":"boom","param":null}""", json);
    }

    [Fact]
    public void ParseEvent_NotAnObject_ThrowsJsonException() =>
        Assert.Throws<System.Text.Json.JsonException>(() => Parse("[1,2]"));
}
