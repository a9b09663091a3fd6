using System.Text.Json;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;
using Tandem.TestSupport;

namespace Tandem.Responses.Protocol.Tests.Json;

/// <summary>
/// Every recorded OpenAI payload must survive read → write unchanged (values and field names;
/// key order may differ), including event types and fields Tandem does not model.
/// </summary>
public sealed class RecordedTrafficRoundTripTests
{
    public static TheoryData<string> SseFiles() => new(Directory.GetFiles(Fixtures.Recorded, "response.sse", SearchOption.AllDirectories).Select(p => Path.GetFileName(Path.GetDirectoryName(p)!)).Order());

    public static TheoryData<string> JsonResponses() => new(Directory.GetFiles(Fixtures.Recorded, "response.json", SearchOption.AllDirectories).Select(p => Path.GetFileName(Path.GetDirectoryName(p)!)).Order());

    public static TheoryData<string> Requests() => new(Directory.GetFiles(Fixtures.Recorded, "request.json", SearchOption.AllDirectories).Select(p => Path.GetFileName(Path.GetDirectoryName(p)!)).Order());

    [Theory]
    [MemberData(nameof(SseFiles))]
    public void ParseEvent_EveryRecordedEvent_RoundTripsLosslessly(string folder)
    {
        var count = 0;
        foreach (var data in Fixtures.SseData(Fixtures.RecordedFile(folder, "response.sse")))
        {
            if (data == "[DONE]")
            {
                continue;
            }

            var evt = ProtocolJson.ParseEvent(System.Text.Encoding.UTF8.GetBytes(data));
            var written = ProtocolJson.Serialize(evt);
            AssertJsonEqual(data, written);
            count++;
        }

        Assert.True(count > 0);
    }

    [Theory]
    [MemberData(nameof(SseFiles))]
    public void ParseEvent_KnownCoreTypes_AreTyped(string folder)
    {
        foreach (var data in Fixtures.SseData(Fixtures.RecordedFile(folder, "response.sse")))
        {
            var evt = ProtocolJson.ParseEvent(System.Text.Encoding.UTF8.GetBytes(data));
            if (evt.Type is ResponseEventTypes.Completed or ResponseEventTypes.Created or ResponseEventTypes.OutputTextDelta
                or ResponseEventTypes.OutputItemDone or ResponseEventTypes.FunctionCallArgumentsDelta)
            {
                Assert.IsNotType<UnknownStreamEvent>(evt);
            }
        }
    }

    [Theory]
    [MemberData(nameof(JsonResponses))]
    public void Deserialize_RecordedJsonBodies_RoundTripLosslessly(string folder)
    {
        var json = File.ReadAllText(Fixtures.RecordedFile(folder, "response.json"));
        using var doc = JsonDocument.Parse(json);
        string written;
        if (doc.RootElement.TryGetProperty("error", out _))
        {
            written = ProtocolJson.Serialize(ProtocolJson.Deserialize<ApiErrorResponse>(json));
        }
        else if (doc.RootElement.GetProperty("object").GetString() == "response.deleted")
        {
            written = ProtocolJson.Serialize(ProtocolJson.Deserialize<ResponseDeleted>(json));
        }
        else if (doc.RootElement.GetProperty("object").GetString() == "response.compaction")
        {
            written = ProtocolJson.Serialize(ProtocolJson.Deserialize<CompactedResponse>(json));
        }
        else
        {
            written = ProtocolJson.Serialize(ProtocolJson.Deserialize<ResponseObject>(json));
        }

        AssertJsonEqual(json, written);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void Deserialize_RecordedRequests_RoundTripLosslessly(string folder)
    {
        var json = File.ReadAllText(Fixtures.RecordedFile(folder, "request.json"));
        var request = ProtocolJson.Deserialize<ResponseCreateRequest>(json);
        Assert.NotNull(request);
        AssertJsonEqual(json, ProtocolJson.Serialize(request));
    }

    internal static void AssertJsonEqual(string expected, string actual)
    {
        // An explicit null and an absent field mean the same on this wire; everything else must match.
        var e = WithoutNulls(System.Text.Json.Nodes.JsonNode.Parse(expected));
        var a = WithoutNulls(System.Text.Json.Nodes.JsonNode.Parse(actual));
        if (!System.Text.Json.Nodes.JsonNode.DeepEquals(e, a))
        {
            Assert.Fail($"JSON differs.\nexpected: {Trim(expected)}\nactual:   {Trim(actual)}");
        }
    }

    private static System.Text.Json.Nodes.JsonNode? WithoutNulls(System.Text.Json.Nodes.JsonNode? node)
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject o:
                foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    o.Remove(key);
                }

                foreach (var (_, v) in o)
                {
                    WithoutNulls(v);
                }

                break;
            case System.Text.Json.Nodes.JsonArray arr:
                foreach (var v in arr)
                {
                    WithoutNulls(v);
                }

                break;
        }

        return node;
    }

    private static string Trim(string s) => s.Length > 3000 ? s[..3000] + "…" : s;
}
