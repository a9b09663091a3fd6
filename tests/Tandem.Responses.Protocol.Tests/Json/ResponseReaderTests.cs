using System.Text;
using System.Text.Json;
using Tandem.Responses.Protocol.Json;
using Tandem.TestSupport;

namespace Tandem.Responses.Protocol.Tests.Json;

/// <summary>
/// <see cref="FastEventReader.TryReadResponse"/> reads a response object in one pass: whatever it
/// takes must equal the serializer's read, written back byte for byte, for every response recorded
/// from OpenAI and every unusual shape; whatever it does not take it leaves (null) to the serializer.
/// </summary>
public sealed class ResponseReaderTests
{
    /// <summary>Every response object in the recorded traffic: JSON bodies and the responses inside streamed lifecycle events.</summary>
    public static TheoryData<string> RecordedResponses()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(Fixtures.Recorded).Order())
        {
            var body = Path.Combine(folder, "response.json");
            if (File.Exists(body) && JsonDocument.Parse(File.ReadAllText(body)).RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("object", out var kind) && kind.ValueEquals("response"))
            {
                data.Add(root.GetRawText());
            }

            var sse = Path.Combine(folder, "response.sse");
            if (File.Exists(sse))
            {
                foreach (var line in Fixtures.SseData(sse).Where(d => d != "[DONE]"))
                {
                    if (JsonDocument.Parse(line).RootElement.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object)
                    {
                        data.Add(response.GetRawText());
                    }
                }
            }
        }

        return data;
    }

    public static TheoryData<string> Shapes() => new(
        """{"id":"resp_1","object":"response","created_at":1,"status":"completed","model":"m","output":[],"tools":[],"metadata":{}}""",
        """{"id":"resp_\u0031","object":"response","created_at":1,"status":"completed","model":"m\u00e9","instructions":"Be \"brief\"\n","temperature":0.7,"top_p":1.0,"top_logprobs":null,"max_output_tokens":100,"max_tool_calls":null,"background":null,"completed_at":null}""",
        """{"id":"resp_1","tools":[{"type":"function","name":"f","parameters":{"type":"object"},"strict":true}],"metadata":{"k":"v"},"tool_choice":{"type":"function","name":"f"}}""",
        """{"id":"resp_1","error":{"code":"server_error","message":"boom"},"incomplete_details":{"reason":"max_output_tokens"},"status":"failed"}""",
        """{"id":"resp_1","output":[{"type":"function_call","id":"fc_1","call_id":"c","name":"f","arguments":"{}","status":"completed"},{"type":"reasoning","id":"rs_1","summary":[]},{"id":"msg_1","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"x"}],"role":"assistant"}]}""",
        """{"id":"resp_1","usage":{"input_tokens":1,"input_tokens_details":{"cached_tokens":0},"output_tokens":2,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":3}}""",
        """{"id":"resp_1","usage":{"total_tokens":3,"output_tokens":2,"input_tokens":1}}""",
        """{"id":"resp_1","usage":{"input_tokens":1,"input_tokens_details":{"cached_tokens":0,"audio_tokens":0},"output_tokens":2,"total_tokens":3}}""",
        """{"id":"resp_1","usage":{"input_tokens":1,"input_tokens_details":null,"output_tokens":2,"total_tokens":3,"extra":1}}""",
        """{"id":"resp_1","usage":null,"reasoning":null,"text":null,"tool_choice":"auto","service_tier":null,"truncation":null,"prompt_cache_retention":"24h"}""",
        """{"id":"resp_1","conversation":{"id":"conv_1"},"billing":{"payer":"developer"},"prompt":null}""",
        """{"id":"resp_1","model":"m","model":"n"}""",
        """{"id":"resp_1","extra":1,"extra":2}""",
        """{"id":"resp_1","\u006dodel":"escaped name"}""",
        """{"id":"resp_1","output":null,"tools":null,"metadata":null}""",
        """{"id":"resp_1","output":[null]}""",
        """{"id":"resp_1","text":{"format":{"type":"text"},"verbosity":"medium"},"reasoning":{"effort":null,"summary":null}}""",
        """{}""");

    public static TheoryData<string> Malformed() => new(
        """{"id":"resp_1","created_at":"x"}""",
        """{"id":"resp_1","created_at":1.5}""",
        """{"id":"resp_1","store":null}""",
        """{"id":"resp_1","status":1}""",
        """{"id":"resp_1","usage":{"input_tokens":"x"}}""",
        """{"id":"resp_1","output":[1]}""",
        """{"id":"resp_1","output":{}}""",
        """{"id":"resp_1","instructions":[{"type":"message"}]}""",
        """{"id":"resp_1","max_output_tokens":99999999999}""",
        """{"id":"resp_1",}""",
        """{"id":"resp_1","output":[{"type":"message","content":[{"type":"output_text","text":"\q"}]}]}""",
        """{"id":"resp_1"} x""");

    [Theory]
    [MemberData(nameof(RecordedResponses))]
    public void TryReadResponse_EveryRecordedResponse_GivesWhatTheSerializerGives(string json) => AssertSameAsSerializer(json);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TryReadResponse_UnusualShapes_GiveWhatTheSerializerGives(string json) => AssertSameAsSerializer(json);

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryReadResponse_MalformedResponses_AreLeftToTheSerializer(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        Assert.ThrowsAny<JsonException>(() => ProtocolJson.Deserialize<ResponseObject>(utf8));

        Assert.Null(FastEventReader.TryReadResponse(utf8));

        // And inside a terminal event the error is the serializer's, as before.
        var evt = Encoding.UTF8.GetBytes($$"""{"type":"response.completed","response":{{json}}}""");
        var expected = Assert.ThrowsAny<JsonException>(() => ProtocolJson.Deserialize<ResponseStreamEvent>(evt));
        var actual = Assert.ThrowsAny<JsonException>(() => ProtocolJson.ParseEvent(evt));
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void TryReadResponse_RecordedResponses_AreNearlyAllTakenByTheReader()
    {
        var all = RecordedResponses().Select(row => row.Data).ToList();

        var taken = all.Count(json => FastEventReader.TryReadResponse(Encoding.UTF8.GetBytes(json)) is not null);

        // Every recorded response but ones with a value of another kind than its field's (none today).
        Assert.True(all.Count > 50, $"only {all.Count} recorded responses found");
        Assert.True(taken > 0);
        Assert.Empty(all.Where(json => FastEventReader.TryReadResponse(Encoding.UTF8.GetBytes(json)) is null).Select(json => json[..Math.Min(300, json.Length)]));
    }

    [Fact]
    public void TryReadResponse_TypesEveryPropertyOfTheResponseObject()
    {
        // A property added to ResponseObject later must be read by the reader too, or the reader
        // would keep it as extension data where the serializer sets the property.
        var names = ProtocolJson.Info<ResponseObject>().Properties.Where(p => p.Get is not null && p.Set is not null && !p.IsExtensionData).Select(p => p.Name).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.True(FastEventReader.TypesResponseField(name), $"the response reader does not type '{name}'"));
    }

    [Theory]
    [InlineData(typeof(ResponseUsage), "input_tokens,input_tokens_details,output_tokens,output_tokens_details,total_tokens")]
    [InlineData(typeof(InputTokensDetails), "cached_tokens")]
    [InlineData(typeof(OutputTokensDetails), "reasoning_tokens")]
    public void TryReadResponse_TypesEveryPropertyOfUsage(Type type, string typed)
    {
        // The usage reader keeps unknown fields raw: it must know every property these types have.
        var names = ProtocolJson.Options.GetTypeInfo(type).Properties.Where(p => p.Set is not null && !p.IsExtensionData).Select(p => p.Name).Order();

        Assert.Equal(typed.Split(',').Order(), names);
    }

    private static void AssertSameAsSerializer(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var expected = ProtocolJson.Deserialize<ResponseObject>(utf8)!;

        var actual = FastEventReader.TryReadResponse(utf8) ?? ProtocolJson.Deserialize<ResponseObject>(utf8)!;

        Assert.Equal(ProtocolJson.Serialize(expected), ProtocolJson.Serialize(actual));
        Assert.Equal(expected.Output?.Select(i => i?.GetType()), actual.Output?.Select(i => i?.GetType()));

        // The same inside a terminal event, through the event reader.
        var evt = Encoding.UTF8.GetBytes($$"""{"type":"response.completed","sequence_number":3,"response":{{json}}}""");
        var fromEvent = Assert.IsType<ResponseLifecycleEvent>(ProtocolJson.ParseEvent(evt));
        Assert.Equal(ProtocolJson.Serialize(expected), ProtocolJson.Serialize(fromEvent.Response));
    }
}
