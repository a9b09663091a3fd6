using System.Text;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol.Tests.Json;

/// <summary>The hot-path sharing of repeated values changes what is allocated, never what is read.</summary>
public sealed class AllocationSharingTests
{
    private static ResponseStreamEvent Parse(string json) => ProtocolJson.ParseEvent(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ParseEvent_ConsecutiveDeltasOfOneItem_ShareTheItemIdAndTypeButKeepTheirValues()
    {
        var a = Assert.IsType<OutputTextDeltaEvent>(Parse("""{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hel","logprobs":[]}"""));
        var b = Assert.IsType<OutputTextDeltaEvent>(Parse("""{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"lo","logprobs":[]}"""));
        var c = Assert.IsType<OutputTextDeltaEvent>(Parse("""{"type":"response.output_text.delta","item_id":"msg_2","output_index":1,"content_index":0,"delta":"!","logprobs":[1]}"""));

        Assert.Same(a.ItemId, b.ItemId);
        Assert.Same(ResponseEventTypes.OutputTextDelta, a.Type);
        Assert.Equal("msg_2", c.ItemId);
        Assert.Equal(("Hel", "lo"), (a.Delta, b.Delta));
        Assert.Equal(System.Text.Json.JsonValueKind.Array, a.Logprobs!.Value.ValueKind);
        Assert.Equal(0, a.Logprobs.Value.GetArrayLength());
        Assert.Equal(1, c.Logprobs!.Value.GetArrayLength());
    }

    [Fact]
    public void ParseEvent_EscapedOrUnknownValues_AreReadExactly()
    {
        var e = Assert.IsType<UnknownStreamEvent>(Parse("""{"type":"response.output_text.delt\u0061x","x":"auto"}"""));
        Assert.Equal("response.output_text.deltax", e.Type);

        var life = Assert.IsType<ResponseLifecycleEvent>(Parse("""{"type":"response.created","response":{"id":"r","object":"response","created_at":1,"status":"in_progress","model":"m","output":[],"tool_choice":"au\u0074o","top_p":1,"metadata":{},"tools":[],"text":{"verbosity":"high"}}}"""));
        Assert.Equal("auto", life.Response.ToolChoice!.Value.GetString());
        Assert.Equal("high", life.Response.Text!.Value.GetProperty("verbosity").GetString());
    }

    [Fact]
    public void ParseEvent_AnswerTextRepeatedByTheDoneEvents_IsOneInstanceWithTheSameValue()
    {
        const string Text = """Hello \"there\"\n\u00e9\ud83d\ude00 and more"""; // as JSON escapes it
        const string Expected = "Hello \"there\"\n\u00e9\ud83d\ude00 and more";
        var done = Assert.IsType<OutputTextDoneEvent>(Parse($$$"""{"type":"response.output_text.done","item_id":"msg_1","output_index":0,"content_index":0,"text":"{{{Text}}}","logprobs":[]}"""));
        var part = Assert.IsType<ContentPartEvent>(Parse($$$"""{"type":"response.content_part.done","item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"{{{Text}}}"}}"""));
        var item = Assert.IsType<OutputItemEvent>(Parse($$$"""{"type":"response.output_item.done","output_index":0,"item":{"id":"msg_1","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"{{{Text}}}"}],"role":"assistant"}}"""));
        var completed = Assert.IsType<ResponseLifecycleEvent>(Parse($$$"""{"type":"response.completed","response":{"id":"r","status":"completed","output":[{"id":"msg_1","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"{{{Text}}}"}],"role":"assistant"}]}}"""));
        var other = Assert.IsType<OutputTextDoneEvent>(Parse("""{"type":"response.output_text.done","item_id":"msg_2","output_index":1,"content_index":0,"text":"Hello \"there\"\n\u00e9\ud83d\ude00 and mord"}"""));

        Assert.Equal(Expected, done.Text);
        Assert.Same(done.Text, part.Part.Text);
        Assert.Same(done.Text, Assert.IsType<MessageItem>(item.Item).Content.Parts![0].Text);
        Assert.Same(done.Text, Assert.IsType<MessageItem>(completed.Response.Output[0]).Content.Parts![0].Text);
        Assert.Equal("Hello \"there\"\n\u00e9\ud83d\ude00 and mord", other.Text);
    }

    [Fact]
    public void ParseEvent_RecurringShortDeltas_ShareOneStringAndKeepTheirValues()
    {
        static OutputTextDeltaEvent Delta(string json) => Assert.IsType<OutputTextDeltaEvent>(Parse($$$"""{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":{{{json}}}}"""));
        var a = Delta("\" the\"");
        var b = Delta("\" the\"");
        var values = new[] { "\"\"", "\" th\"", "\"the \"", "\"\\n\"", "\"é\"", "\"" + new string('x', 40) + "\"" }.Select(v => Delta(v).Delta).ToArray();

        Assert.Equal(" the", a.Delta);
        Assert.Same(a.Delta, b.Delta);
        Assert.Equal(new[] { "", " th", "the ", "\n", "é", new string('x', 40) }, values);
        Assert.Same(a.Delta, Delta("\" the\"").Delta);
    }
}
