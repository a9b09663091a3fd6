using System.Text.Json;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol.Tests.Json;

public sealed class ResponseCreateRequestTests
{
    [Fact]
    public void Deserialize_WebSocketCreate_ReadsTypeStreamIdAndGenerate()
    {
        var request = ProtocolJson.Deserialize<ResponseCreateRequest>(
            """{"type":"response.create","model":"gpt-5","stream_id":"lane.1","generate":false,"input":"hi","store":false}""")!;

        Assert.Equal("response.create", request.Type);
        Assert.Equal("lane.1", request.StreamId);
        Assert.False(request.Generate);
        Assert.False(request.Store);
        Assert.Equal("hi", request.Input!.Text);
    }

    [Fact]
    public void Serialize_ShorthandInputMessage_KeepsItsShape()
    {
        const string json = """{"model":"m","input":[{"role":"user","content":"hello"},{"type":"message","role":"assistant","content":[{"type":"output_text","text":"yo"}],"phase":"commentary"}]}""";

        var request = ProtocolJson.Deserialize<ResponseCreateRequest>(json)!;

        var shorthand = Assert.IsType<MessageItem>(request.Input!.Items![0]);
        Assert.Null(shorthand.Type);
        Assert.Equal("hello", shorthand.GetText());
        var assistant = Assert.IsType<MessageItem>(request.Input.Items[1]);
        Assert.Equal("commentary", assistant.Phase);
        RecordedTrafficRoundTripTests.AssertJsonEqual(json, ProtocolJson.Serialize(request));
    }

    [Fact]
    public void Serialize_ReasoningEncryptedContentAndCompaction_AreKeptVerbatim()
    {
        const string json = """{"model":"m","input":[{"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAAA+/=="},{"type":"compaction","id":"cmp_1","encrypted_content":"opaque"},{"type":"function_call_output","call_id":"c1","output":[{"type":"input_text","text":"x"}]}]}""";

        var request = ProtocolJson.Deserialize<ResponseCreateRequest>(json)!;

        Assert.Equal("gAAAA+/==", Assert.IsType<ReasoningItem>(request.Input!.Items![0]).EncryptedContent);
        Assert.Equal("opaque", Assert.IsType<CompactionItem>(request.Input.Items[1]).EncryptedContent);
        Assert.Equal("x", Assert.IsType<FunctionCallOutputItem>(request.Input.Items[2]).Output.GetText());
        RecordedTrafficRoundTripTests.AssertJsonEqual(json, ProtocolJson.Serialize(request));
    }

    [Fact]
    public void Serialize_UnknownTopLevelFieldsAndTools_RoundTrip()
    {
        const string json = """{"model":"m","input":"x","brand_new_option":{"k":[1]},"tools":[{"type":"web_search","search_context_size":"low"},{"type":"function","name":"f","parameters":{"type":"object","properties":{},"required":[],"additionalProperties":false},"strict":true}]}""";

        var request = ProtocolJson.Deserialize<ResponseCreateRequest>(json)!;

        Assert.False(request.Tools![0].IsFunction);
        Assert.True(request.Tools[1].Strict);
        RecordedTrafficRoundTripTests.AssertJsonEqual(json, ProtocolJson.Serialize(request));
    }

    [Fact]
    public void Serialize_NullFields_AreOmittedOnRequests()
    {
        var json = ProtocolJson.Serialize(new ResponseCreateRequest { Model = "m", Input = "hi" });

        Assert.Equal("""{"model":"m","input":"hi"}""", json);
    }

    [Fact]
    public void Serialize_NonAsciiAndQuotes_AreWrittenAsOpenAIWritesThem()
    {
        var json = ProtocolJson.Serialize(new ResponseCreateRequest { Model = "m", Input = "I’ll say \"hé\" <b>" });

        Assert.Contains("I’ll say \\\"hé\\\" <b>", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_InputOfWrongKind_ThrowsNamingTheProblem()
    {
        var ex = Assert.Throws<JsonException>(() => ProtocolJson.Deserialize<ResponseCreateRequest>("""{"model":"m","input":42}"""));

        Assert.Contains("input", ex.Message, StringComparison.Ordinal);
    }
}
