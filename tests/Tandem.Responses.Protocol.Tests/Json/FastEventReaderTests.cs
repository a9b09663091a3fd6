using System.Text;
using System.Text.Json;
using Tandem.Responses.Protocol.Json;
using Tandem.TestSupport;

namespace Tandem.Responses.Protocol.Tests.Json;

/// <summary>
/// <see cref="ProtocolJson.ParseEvent"/> reads the common events directly from their bytes: it must
/// give what the serializer's general path gives, byte for byte once written, for every recorded
/// event and every unusual shape, and the same error for malformed input. The response of an
/// opening event is built on first read and shared by no one.
/// </summary>
public sealed class FastEventReaderTests
{
    public static TheoryData<string> SseFiles() => new(Directory.GetFiles(Fixtures.Recorded, "response.sse", SearchOption.AllDirectories).Select(p => Path.GetFileName(Path.GetDirectoryName(p)!)).Order());

    /// <summary>Shapes the direct reader leaves to the serializer, or takes with care.</summary>
    public static TheoryData<string> Shapes() => new(
        """{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi","logprobs":[],"obfuscation":"abc"}""",
        """{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi","logprobs":[{"token":"Hi","logprob":-0.1}]}""",
        """{"type":"response.output_text.delta","item_id":null,"output_index":0,"content_index":0,"delta":null,"logprobs":null,"obfuscation":null,"sequence_number":null}""",
        """{"type":"response.output_text.delta","delta":"a","obfuscation":"ABCDEFGHIJKLMNOP"}""",
        """{"type":"response.output_text.delta","delta":"a","obfuscation":"ABCDEFGHIJKLMNOPQ"}""",
        """{"type":"response.output_text.delta","delta":"a","obfuscation":"é"}""",
        """{"type":"response.output_text.delta","delta":"a","obfuscation":"Ab"}""",
        """{"type":"response.output_text.delta","delta":"a","obfuscation":""}""",
        """{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi","new_field":{"x":1}}""",
        """{"type":"response.output_text.delta"}""",
        """{"type":"response.output_text.delta","content_index":0,"delta":"\n\"a\"\\","item_id":"msg_1","logprobs":[],"obfuscation":"x","output_index":0,"sequence_number":5}""",
        """{"type":"response.output_text.delta","delta":"héllo 😀 ünïcödé and a long tail past thirty-two bytes","item_id":"msg_é"}""",
        """{"type":"response.output_text.delta","delta":"","item_id":"msg\u005f1","obfuscation":"a\u0062c","stream_id":"lane\u002d1"}""",
        """{"type":"response.output_text.delta","delta":"a plain delta that is longer than thirty-two bytes","stream_id":"lane-1","sequence_number":2147483647}""",
        """{"type":"response.output_text.delta","delta":"~ !","output_index":-1,"content_index":10}""",
        """{"type":"response.output_text.delta","delta":"a","logprobs":[ ]}""",
        """{"type":"response.output_text.delta","logprobs":[],"logprobs":[]}""",
        """{"type":"response.output_text.delta","delta":"a","part":{}}""",
        """{"type":"response.output_text.delta" ,"delta":"a"}""",
        """{"type":"response.output_text.done","item_id":"msg_1","output_index":0,"content_index":0,"text":"Hi \"x\"","logprobs":[]}""",
        """{"type":"response.output_text.done","content_index":0,"item_id":"msg_1","logprobs":[],"output_index":0,"sequence_number":7,"text":"plain"}""",
        """{"type":"response.output_text.done","text":"a","logprobs":[{"token":"a","logprob":0}]}""",
        """{"type":"response.output_text.done","text":"a","delta":"b"}""",
        """{"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":1,"delta":"{\"","obfuscation":"abc","sequence_number":5}""",
        """{"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":1,"delta":"x","content_index":0}""",
        """{"type":"response.function_call_arguments.done","item_id":"fc_1","output_index":1,"arguments":"{\"a\":1}","name":"f","sequence_number":9}""",
        """{"type":"response.function_call_arguments.done","item_id":"fc_1","arguments":"{}","name":null}""",
        """{"type":"response.function_call_arguments.done","item_id":"fc_1","arguments":"{}","stream_id":"lane-2"}""",
        """{"type":"response.output_text.delta","item_id":"msg_1","item_id":"msg_2","output_index":0,"content_index":0,"delta":"Hi"}""",
        """{"type":"response.output_text.delta","\u0064elta":"escaped name","item_id":"msg_1","output_index":0,"content_index":0}""",
        """{"delta":"type not first","type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0}""",
        """{"type":"response.output_text.delta","delta":"\u00e9\"\n\ud83d\ude00","item_id":"msg_1","output_index":0,"content_index":0,"stream_id":"lane-1"}""",
        """  {"type":"response.output_text.delta","delta":"whitespace around","output_index":0,"content_index":0}  """,
        """{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","created_at":1,"status":"in_progress","model":"m","output":[],"tools":[],"metadata":{},"text":{"format":{"type":"text"},"verbosity":"medium"}}}""",
        """{"type":"response.in_progress","response":null}""",
        """{"type":"response.in_progress","response":{"id":"resp_1"} ,"sequence_number":1}""",
        """{"type":"response.in_progress","response":{"id":"resp_1","model":"m"},"response":{"id":"resp_2"}}""",
        """{"type":"response.created","stream_id":"lane-1","response":{"id":"resp_\u0031","metadata":{"k":"v"}},"sequence_number":0}""",
        """{"type":"response.queued","sequence_number":0}""",
        """{"type":"response.created","sequence_number":0,"stream_id":"a","response":{"id":"resp_1"},"extra":true}""",
        """{"type":"response.completed","sequence_number":9,"response":{"id":"resp_1","status":"completed","output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hi","annotations":[],"logprobs":[]}]}],"usage":{"input_tokens":1,"input_tokens_details":{"cached_tokens":0},"output_tokens":1,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":2}}}""",
        """{"type":"response.failed","response":{"id":"resp_1","status":"failed","error":{"code":"server_error","message":"boom"}}}""",
        """{"type":"response.content_part.added","item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""}}""",
        """{"type":"response.content_part.done","item_id":"msg_1","output_index":0,"content_index":0,"part":null}""",
        """{"type":"response.output_item.added","output_index":0,"item":{"id":"fc_1","type":"function_call","status":"in_progress","arguments":"","call_id":"call_1","name":"f"}}""",
        """{"type":"response.output_item.added","output_index":0,"item":{"id":"msg_1","type":"message","status":"in_progress","content":[],"role":"assistant"}}""",
        """{"type":"response.output_item.done","output_index":0,"item":{"content":[{"text":"Hi","logprobs":[],"type":"output_text","annotations":[]},{"type":"output_text","text":"h\u00e9 \"q\"\n"}],"role":"assistant","status":"completed","phase":"commentary","type":"message","id":"msg_1"}}""",
        """{"type":"response.output_item.done","output_index":0,"item":{"id":"msg_é","type":"message","status":"weird","content":[{"type":"output_text","text":"ünï"}],"phase":"final_answer","role":"assistant"}}""",
        """{"type":"response.output_item.done","output_index":0,"item":{"id":"msg_1","type":"message","content":"shorthand","role":"user"}}""",
        """{"type":"response.output_item.done","output_index":0,"item":{"id":"msg_1","type":"message","content":[{"type":"refusal","refusal":"no"}],"role":"assistant"}}""",
        """{"type":"response.output_item.done","output_index":0,"item":{"id":"msg_1","type":"message","content":[{"type":"output_text","annotations":[{"type":"url_citation","url":"u"}],"text":"x"}],"role":"assistant"}}""",
        """{"type":"response.output_item.done","output_index":0,"item":{"id":"msg_1","type":"message","phase":null,"content":[],"role":"assistant"}}""",
        """{"type":"response.output_item.done","output_index":0,"item":{"id":"msg_1","type":"message","content":[],"content":[],"role":"assistant"}}""",
        """{"type":"response.output_item.done","output_index":0,"item":{"id":"msg_1","type":"mess\u0061ge","content":[],"role":"assistant"}}""",
        """{"type":"response.output_item.done","output_index":0,"item":{"id":"msg_1","content":[],"role":"assistant"}}""",
        """{"type":"response.output_item.done","output_index":0,"item":{"id":"msg_1","type":"message","content":[{"type":"output_text","text":"a","extra":1}],"role":"assistant"}}""",
        """{"type":"response.output_item.done","output_index":0,"item":{"id":"msg_1","type":"message","content":[ ],"role":"assistant"}}""",
        """{"type":"response.output_item.done","output_index":0,"item":{}}""",
        """{"type":"response.content_part.done","item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"H\u00e9\"llo"}}""",
        """{"type":"response.content_part.done","item_id":"msg_1","output_index":0,"content_index":0,"part":{"annotations":[],"text":"x","type":"output_text"}}""",
        """{"type":"response.content_part.done","item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"refusal","refusal":"no"}}""",
        """{"type":"response.content_part.done","item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":null}}""",
        """{"type":"response.output_item.done","output_index":1,"item":{"type":"web_search_call","id":"ws_1","status":"completed","action":{"type":"search","query":"q"}}}""",
        """{"type":"response.output_item.done","output_index":0,"item":{"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"think"}],"encrypted_content":"gAAA"}}""");

    /// <summary>Malformed events: the error is the serializer's, as before.</summary>
    public static TheoryData<string> Malformed() => new(
        """{"type":"response.output_text.delta","output_index":"x"}""",
        """{"type":"response.output_text.delta","output_index":1.5}""",
        """{"type":"response.output_text.delta","output_index":null}""",
        """{"type":"response.output_text.delta","delta":1}""",
        """{"type":"response.output_text.delta","delta":"x"} trailing""",
        """{"type":"response.output_text.delta","delta":"x"}{}""",
        """{"type":"response.output_text.delta","output_index":01}""",
        """{"type":"response.output_text.delta","output_index":2147483648}""",
        """{"type":"response.output_text.delta","sequence_number":99999999999}""",
        """{"type":"response.output_text.delta","sequence_number":1e2}""",
        """{"type":"response.output_text.delta","delta":"\x"}""",
        """{"type":"response.output_text.delta","delta":"a	b"}""", // a raw tab in a string
        """{"type":"response.output_text.delta","delta":"x",}""",
        """{"type":"response.output_text.delta","delta":"x\"}""",
        "{\"type\":\"response.output_text.delta\",\"delta\":\"x\"",
        """{"type":"response.output_text.delta","logprobs":[]""",
        """{"type":"response.output_text.delta","logprobs":[}""",
        """{"type":"response.content_part.added","part":"x"}""",
        """{"type":"response.content_part.done","part":{"type":"output_text","text":"\x"}}""",
        """{"type":"response.content_part.done","part":{"type":"output_text","text":"a\u12"}}""",
        """{"type":"response.output_item.done","item":{"type":"message","content":[{"type":"output_text","text":"\q"}]}}""",
        """{"type":"response.output_item.done","item":{"type":"message","content":[{"type":"output_text","text":"a"},]}}""",
        """{"type":"response.content_part.added","part":{"type":1}}""",
        """{"type":"response.output_item.added","item":[1]}""",
        """{"type":"response.completed","response":{"created_at":"x"}}""",
        """{"type":"response.created","response":"x"}""",
        """{"type":"response.created","sequence_number":"1"}""",
        """{"type":"response.created","response":{"id":"r",}}""",
        """{"type":"response.created","response":{"id":"r"}""",
        """{"type":"response.in_progress","response":{"id":"r"}}}""");

    [Theory]
    [MemberData(nameof(SseFiles))]
    public void ParseEvent_EveryRecordedEvent_WritesExactlyWhatTheSerializersReadWrites(string folder)
    {
        foreach (var data in Fixtures.SseData(Fixtures.RecordedFile(folder, "response.sse")).Where(d => d != "[DONE]"))
        {
            AssertSameAsGeneralPath(data);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ParseEvent_UnusualShapes_GiveWhatTheSerializerGives(string json) => AssertSameAsGeneralPath(json);

    [Theory]
    [MemberData(nameof(Malformed))]
    public void ParseEvent_MalformedEvents_ThrowTheSerializersError(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var expected = Assert.ThrowsAny<JsonException>(() => ProtocolJson.Deserialize<ResponseStreamEvent>(utf8));

        var actual = Assert.ThrowsAny<JsonException>(() => ProtocolJson.ParseEvent(utf8));

        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(expected.Path, actual.Path);
    }

    [Theory]
    [MemberData(nameof(SseFiles))]
    public void TryScanFlat_EveryRecordedTextOrArgumentsEvent_IsTakenByTheScanner(string folder)
    {
        string[] flat = ["response.output_text.delta", "response.output_text.done", "response.function_call_arguments.delta", "response.function_call_arguments.done", "response.created", "response.in_progress"];
        var events = Fixtures.SseData(Fixtures.RecordedFile(folder, "response.sse"))
            .Where(d => flat.Any(t => d.StartsWith($$"""{"type":"{{t}}",""", StringComparison.Ordinal))
                && !d.Contains("\"logprobs\":[{", StringComparison.Ordinal)); // logprobs: left to the reader

        Assert.All(events, d => Assert.NotNull(FastEventReader.TryScanFlat(Encoding.UTF8.GetBytes(d))));
    }

    [Theory]
    [MemberData(nameof(SseFiles))]
    public void TryScanMessageItem_EveryRecordedMessageOfPlainTextParts_IsTakenByTheScanner(string folder)
    {
        foreach (var data in Fixtures.SseData(Fixtures.RecordedFile(folder, "response.sse")).Where(d => d != "[DONE]"))
        {
            if (ProtocolJson.Deserialize<ResponseStreamEvent>(Encoding.UTF8.GetBytes(data)) is not OutputItemEvent { Item: MessageItem message } evt
                || message.ExtensionData is not null
                || message.Content.Parts?.All(p => p.Type == "output_text" && p.ExtensionData is null && p.Refusal is null && IsEmptyOrAbsent(p.Annotations) && IsEmptyOrAbsent(p.Logprobs)) != true)
            {
                continue;
            }

            var item = JsonDocument.Parse(data).RootElement.GetProperty("item").GetRawText();
            var pos = 0;
            var scanned = FastEventReader.TryScanMessageItem(Encoding.UTF8.GetBytes(item), ref pos);

            Assert.NotNull(scanned);
            Assert.Equal(ProtocolJson.Serialize<ResponseItem>(message), ProtocolJson.Serialize<ResponseItem>(scanned));
        }

        static bool IsEmptyOrAbsent(JsonElement? value) => value is null || value.Value.GetArrayLength() == 0;
    }

    [Fact]
    public void TryScanFlat_TheLocalServersTextDelta_IsTakenByTheScanner()
    {
        var evt = new OutputTextDeltaEvent { Type = ResponseEventTypes.OutputTextDelta, SequenceNumber = 4, ItemId = "msg_1", Delta = "Hi", Obfuscation = "pad", StreamId = "lane-1" };
        evt.Logprobs = JsonDocument.Parse("[]").RootElement;

        var scanned = Assert.IsType<OutputTextDeltaEvent>(FastEventReader.TryScanFlat(ProtocolJson.SerializeToUtf8Bytes<ResponseStreamEvent>(evt)));

        Assert.NotNull(scanned);
        Assert.Equal(ProtocolJson.Serialize<ResponseStreamEvent>(evt), ProtocolJson.Serialize<ResponseStreamEvent>(scanned));
    }

    [Theory]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xFF, 0x41 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC3, 0xA9 })]
    public void ParseEvent_NonAsciiBytesInAString_GiveWhatTheSerializerGives(byte[] text)
    {
        foreach (var field in new[] { "delta", "item_id", "obfuscation", "stream_id" })
        {
            var utf8 = Encoding.UTF8.GetBytes($$"""{"type":"response.output_text.delta","{{field}}":"a""").Concat(text).Concat("\"}"u8.ToArray()).ToArray();
            ResponseStreamEvent? expected = null;
            Exception? expectedError = null;
            try
            {
                expected = ProtocolJson.Deserialize<ResponseStreamEvent>(utf8);
            }
            catch (Exception ex)
            {
                expectedError = ex;
            }

            if (expectedError is not null)
            {
                var actual = Assert.Throws(expectedError.GetType(), () => ProtocolJson.ParseEvent(utf8));
                Assert.Equal(expectedError.Message, actual.Message);
            }
            else
            {
                Assert.Equal(ProtocolJson.Serialize(expected), ProtocolJson.Serialize(ProtocolJson.ParseEvent(utf8)));
            }
        }
    }

    [Theory]
    [InlineData("response.created")]
    [InlineData("response.in_progress")]
    [InlineData("response.completed")]
    public void ParseEvent_AResponseNestedOneLevelTooDeep_ThrowsTheSerializersError(string type)
    {
        // The depth limit (128) counts from the event, not from the response inside it.
        var utf8 = Encoding.UTF8.GetBytes($$$"""{"type":"{{{type}}}","response":{"x":{{{new string('[', 127)}}}{{{new string(']', 127)}}}}}""");
        var expected = Assert.ThrowsAny<JsonException>(() => ProtocolJson.Deserialize<ResponseStreamEvent>(utf8));

        var actual = Assert.ThrowsAny<JsonException>(() => ProtocolJson.ParseEvent(utf8));

        Assert.Equal(expected.Message, actual.Message);
    }

    [Theory]
    [InlineData("response.created")]
    [InlineData("response.completed")]
    public void ParseEvent_AResponseNestedToTheLimit_IsRead(string type)
    {
        var utf8 = Encoding.UTF8.GetBytes($$$"""{"type":"{{{type}}}","response":{"x":{{{new string('[', 126)}}}{{{new string(']', 126)}}}}}""");

        var evt = Assert.IsType<ResponseLifecycleEvent>(ProtocolJson.ParseEvent(utf8));

        Assert.Equal(ProtocolJson.Serialize(ProtocolJson.Deserialize<ResponseStreamEvent>(utf8)), ProtocolJson.Serialize<ResponseStreamEvent>(evt));
        Assert.NotNull(evt.Response);
    }

    [Fact]
    public void ParseEvent_OpeningEvents_BuildTheirResponseOnFirstReadAndShareNothing()
    {
        var body = """{"id":"resp_1","object":"response","created_at":1,"status":"in_progress","model":"m","output":[],"tools":[],"metadata":{},"reasoning":{"effort":null,"summary":null}}""";
        var created = Assert.IsType<ResponseLifecycleEvent>(Parse($$"""{"type":"response.created","sequence_number":0,"response":{{body}}}"""));
        var inProgress = Assert.IsType<ResponseLifecycleEvent>(Parse($$"""{"type":"response.in_progress","sequence_number":1,"response":{{body}}}"""));

        Assert.Same(created.Response, created.Response);
        Assert.NotSame(created.Response, inProgress.Response);
        created.Response.Model = "changed";
        created.Response.Output.Add(MessageItem.User("x"));
        Assert.Equal("m", inProgress.Response.Model);
        Assert.Empty(inProgress.Response.Output);
        Assert.Equal("changed", JsonDocument.Parse(ProtocolJson.Serialize<ResponseStreamEvent>(created)).RootElement.GetProperty("response").GetProperty("model").GetString());
    }

    [Fact]
    public void ParseEvent_OpeningEventWithAnInvalidResponseObject_ThrowsWhenTheResponseIsRead()
    {
        var utf8 = Encoding.UTF8.GetBytes("""{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","created_at":"not a number"}}""");
        Assert.ThrowsAny<JsonException>(() => ProtocolJson.Deserialize<ResponseStreamEvent>(utf8));

        var created = Assert.IsType<ResponseLifecycleEvent>(ProtocolJson.ParseEvent(utf8));

        Assert.Equal(0, created.SequenceNumber);
        Assert.ThrowsAny<JsonException>(() => created.Response);
        created.Response = new ResponseObject { Id = "set" };
        Assert.Equal("set", created.Response.Id);
    }

    [Fact]
    public void ParseEvent_Obfuscation_ReadsBackAsSentAndCanBeReplaced()
    {
        var delta = Assert.IsType<OutputTextDeltaEvent>(Parse("""{"type":"response.output_text.delta","delta":"a","obfuscation":"xY3"}"""));

        Assert.Equal("xY3", delta.Obfuscation);
        Assert.Same(delta.Obfuscation, delta.Obfuscation);
        delta.Obfuscation = null;
        Assert.Null(delta.Obfuscation);
        delta.Obfuscation = "new";
        Assert.Equal("new", delta.Obfuscation);
    }

    [Fact]
    public void ResponseLifecycleEvent_Response_DefaultsOnceAndKeepsAnExplicitNull()
    {
        var evt = new ResponseLifecycleEvent();
        Assert.NotNull(evt.Response);
        Assert.Same(evt.Response, evt.Response);

        evt.Response = null!;
        Assert.Null(evt.Response);
        Assert.Null(Assert.IsType<ResponseLifecycleEvent>(Parse("""{"type":"response.created","response":null}""")).Response);
        Assert.NotNull(Assert.IsType<ResponseLifecycleEvent>(Parse("""{"type":"response.created"}""")).Response);
    }

    [Fact]
    public void ParseEvent_OpeningResponse_IsReadConcurrentlyAsOneInstance()
    {
        var created = Assert.IsType<ResponseLifecycleEvent>(Parse("""{"type":"response.created","response":{"id":"resp_1","model":"m"}}"""));

        var seen = new ResponseObject[8];
        Parallel.For(0, seen.Length, i => seen[i] = created.Response);

        Assert.All(seen, r => Assert.Same(seen[0], r));
    }

    private static ResponseStreamEvent Parse(string json) => ProtocolJson.ParseEvent(Encoding.UTF8.GetBytes(json));

    private static void AssertSameAsGeneralPath(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var expected = ProtocolJson.Deserialize<ResponseStreamEvent>(utf8)!;

        var actual = ProtocolJson.ParseEvent(utf8);

        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(ProtocolJson.Serialize(expected), ProtocolJson.Serialize(actual));
        if (expected is ResponseLifecycleEvent life)
        {
            Assert.Equal(ProtocolJson.Serialize(life.Response), ProtocolJson.Serialize(((ResponseLifecycleEvent)actual).Response));
        }
    }
}
