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
}
