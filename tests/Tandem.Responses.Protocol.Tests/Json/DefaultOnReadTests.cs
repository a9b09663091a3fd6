using System.Text;
using System.Text.Json;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol.Tests.Json;

/// <summary>
/// Defaults made on first read instead of at construction behave as the initialisers did: one
/// instance per object, kept; an explicit null (set, or in the JSON) reads back null; and values
/// read as shared instances (known strings, recent ids, repeated small objects, "[]") read the same.
/// </summary>
public sealed class DefaultOnReadTests
{
    [Fact]
    public void Defaults_AreMadeOnceAndKeepExplicitNulls()
    {
        var response = new ResponseObject();
        response.Output.Add(MessageItem.User("x"));
        Assert.Single(response.Output);
        Assert.Same(response.Tools, response.Tools);
        Assert.Same(response.Metadata, response.Metadata);

        response.Tools = null!;
        Assert.Null(response.Tools);
        response.Tools = [];
        Assert.NotNull(response.Tools);

        var usage = new ResponseUsage();
        usage.InputTokensDetails.CachedTokens = 3;
        Assert.Equal(3, usage.InputTokensDetails.CachedTokens);
        Assert.Equal(0, usage.OutputTokensDetails.ReasoningTokens);

        Assert.Equal(string.Empty, new MessageItem().GetText());
        Assert.NotNull(new MessageItem().Content.Parts);
        Assert.Equal(string.Empty, new FunctionCallOutputItem().Output.Text);
        Assert.Empty(new ReasoningItem().Summary);
        Assert.Equal("input_text", new ContentPartEvent().Part.Type);

        var written = ProtocolJson.Serialize(new ResponseObject { Id = "r" });
        Assert.Contains("\"output\":[]", written, StringComparison.Ordinal);
        Assert.Contains("\"tools\":[]", written, StringComparison.Ordinal);
        Assert.Contains("\"metadata\":{}", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_ExplicitNulls_StayNull()
    {
        var response = ProtocolJson.Deserialize<ResponseObject>("""{"id":"r","output":null,"tools":null,"metadata":null,"usage":{"input_tokens":1,"input_tokens_details":null}}""")!;

        Assert.Null(response.Output);
        Assert.Null(response.Tools);
        Assert.Null(response.Metadata);
        Assert.Null(response.Usage!.InputTokensDetails);
        Assert.NotNull(response.Usage.OutputTokensDetails);

        var message = Assert.IsType<MessageItem>(ProtocolJson.Deserialize<ResponseItem>("""{"type":"message","role":"user","content":null}"""));
        Assert.Null(message.Content);
        var summary = Assert.IsType<ReasoningItem>(ProtocolJson.Deserialize<ResponseItem>("""{"type":"reasoning","summary":null}"""));
        Assert.Null(summary.Summary);
    }

    [Fact]
    public void Deserialize_SharedValues_ReadTheirValues()
    {
        const string json = """{"id":"resp_1","object":"response","created_at":0,"parallel_tool_calls":true,"store":true,"tools":[],"metadata":{},"status":"completed","model":"gpt-x","service_tier":"default","truncation":"disabled","text":{"format":{"type":"text"},"verbosity":"medium"},"reasoning":{"effort":"low","summary":null},"output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant","phase":"final_answer","content":[null,{"type":"output_text","text":"hi","annotations":[],"logprobs":[]}]}]}""";

        var a = ProtocolJson.Deserialize<ResponseObject>(json)!;
        var b = ProtocolJson.Deserialize<ResponseObject>(json)!;

        Assert.Equal(("resp_1", "response", "completed", "gpt-x", "default", "disabled"), (a.Id, a.Object, a.Status, a.Model, a.ServiceTier, a.Truncation));
        Assert.Same(a.Status, b.Status);
        Assert.Same(a.Model, b.Model);
        Assert.Equal(a.Text!.Value.GetRawText(), b.Text!.Value.GetRawText());
        Assert.Equal("medium", b.Text.Value.GetProperty("verbosity").GetString());
        Assert.Equal("low", b.Reasoning!.Value.GetProperty("effort").GetString());
        var message = Assert.IsType<MessageItem>(Assert.Single(b.Output));
        Assert.Equal(("msg_1", "assistant", "final_answer"), (message.Id, message.Role, message.Phase));
        Assert.Null(message.Content.Parts![0]);
        Assert.Equal("hi", message.Content.Parts[1].Text);
        RecordedTrafficRoundTripTests.AssertJsonEqual(json, ProtocolJson.Serialize(b));
    }

    [Fact]
    public void Deserialize_ContentPartsThatAreNotAList_ThrowsAtTheField()
    {
        var ex = Assert.ThrowsAny<JsonException>(() => ProtocolJson.Deserialize<ResponseItem>("""{"type":"reasoning","summary":"x"}"""));

        Assert.Equal("$.summary", ex.Path);
    }

    [Fact]
    public void OutputTextDelta_Logprobs_ReadBackAsSet()
    {
        var delta = new OutputTextDeltaEvent();
        Assert.Null(delta.Logprobs);

        using var doc = JsonDocument.Parse("""[{"token":"a","logprob":-1}]""");
        delta.Logprobs = doc.RootElement;
        Assert.Equal(doc.RootElement.GetRawText(), delta.Logprobs!.Value.GetRawText());

        delta.Logprobs = JsonDocument.Parse("[]").RootElement;
        Assert.Equal(0, delta.Logprobs!.Value.GetArrayLength());
        delta.Logprobs = null;
        Assert.Null(delta.Logprobs);

        var parsed = Assert.IsType<OutputTextDeltaEvent>(ProtocolJson.ParseEvent(Encoding.UTF8.GetBytes("""{"type":"response.output_text.delta","delta":"x","logprobs":[ ]}""")));
        Assert.Equal("[]", ProtocolJson.Serialize(parsed.Logprobs!.Value));
    }
}
