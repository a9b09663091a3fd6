using System.Net.ServerSentEvents;
using System.Text;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;
using Tandem.Responses.Tests.Support;
using Tandem.TestSupport;

namespace Tandem.Responses.Tests.Streaming;

/// <summary>
/// <see cref="ResponseEventReader"/>: the recorded streams read to exactly their events, the SSE
/// layer agrees with <see cref="SseParser"/> (which the live HTTP transport uses) on every corner of
/// the spec, and malformed input is reported with the line it is on.
/// </summary>
public sealed class ResponseEventReaderTests
{
    public static TheoryData<string> SseFiles() => new(Directory.GetFiles(Fixtures.Recorded, "response.sse", SearchOption.AllDirectories).Select(p => Path.GetFileName(Path.GetDirectoryName(p)!)).Order());

    /// <summary>Inputs where a naive SSE reader goes wrong: terminators, BOM, spacing, comments, unterminated ends.</summary>
    public static TheoryData<string> SseCorners() => new(
        "data: a\n\ndata: b",
        "data: a\n\ndata: b\n",
        "\uFEFFdata: bom\n\n",
        "\uFEFF\uFEFFdata: only one BOM is dropped\n\n",
        "data:x\r\rdata: y\r\n\r\n",
        "data: x\r\n\r\ndata: y\n\n\n\n",
        "data\n\n",
        "data:  two spaces\n\n",
        "data: a:b:c\n\n",
        ": comment\ndata: c\n:\n\n",
        "event: e\n\ndata: d\n\n",
        "data: a\ndata: b\n\n",
        "data: a\ndata:\n\n",
        "id: 5\n\n",
        "DATA: fields are case-sensitive\n\n",
        "data: é 😀\n\n",
        "event:\ndata: z\n\n",
        "retry: 10\nid: 1\ndata: r\nfoo: bar\n\n",
        "data: [DONE]\n\n",
        "");

    [Theory]
    [MemberData(nameof(SseFiles))]
    public async Task ReadSseAsync_EveryRecordedStream_ReadsTheRecordedDataLines(string folder)
    {
        var path = Fixtures.RecordedFile(folder, "response.sse");
        var expected = Fixtures.SseData(path).Where(d => d != "[DONE]").Select(d => ProtocolJson.Serialize(ProtocolJson.ParseEvent(Encoding.UTF8.GetBytes(d)))).ToList();

        var stats = new ResponseEventReadStats();
        await using var stream = File.OpenRead(path);
        var events = await ReadAllAsync(ResponseEventReader.ReadSseAsync(stream, stats, TestContext.Current.CancellationToken));

        Assert.NotEmpty(events);
        Assert.Equal(expected, events.Select(ProtocolJson.Serialize<ResponseStreamEvent>));
        Assert.Equal(File.ReadLines(path).Count(), stats.Lines);
        Assert.Null(stats.UnterminatedEventLine);
    }

    [Theory]
    [MemberData(nameof(SseFiles))]
    public async Task ReadSseBlocksAsync_EveryRecordedStream_MatchesSseParser(string folder)
    {
        var bytes = await File.ReadAllBytesAsync(Fixtures.RecordedFile(folder, "response.sse"), TestContext.Current.CancellationToken);

        var ours = await OurBlocksAsync(new TrickleStream(bytes, chunk: 7));

        Assert.Equal(await SseParserBlocksAsync(bytes), ours);
    }

    [Theory]
    [MemberData(nameof(SseFiles))]
    public async Task ReadJsonLinesAsync_EveryRecordedStreamAsFrames_ReadsTheSameEventsAsSse(string folder)
    {
        var path = Fixtures.RecordedFile(folder, "response.sse");
        var data = Fixtures.SseData(path).Where(d => d != "[DONE]").ToList();

        // Alternate bare events and the recorder's wrapper, with a client frame up front, CRLF endings and a blank line.
        var lines = new List<string> { """{"direction":"client","event":{"type":"response.create","model":"m"}}""", string.Empty };
        lines.AddRange(data.Select((d, i) => i % 2 == 0 ? d : $$"""{"direction":"server","event":{{d}}}"""));
        var stats = new ResponseEventReadStats();
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", lines)));
        var events = await ReadAllAsync(ResponseEventReader.ReadJsonLinesAsync(stream, stats, TestContext.Current.CancellationToken));

        await using var sse = File.OpenRead(path);
        var fromSse = await ReadAllAsync(ResponseEventReader.ReadSseAsync(sse, TestContext.Current.CancellationToken));
        Assert.Equal(fromSse.Select(ProtocolJson.Serialize<ResponseStreamEvent>), events.Select(ProtocolJson.Serialize<ResponseStreamEvent>));
        Assert.Equal(1, stats.ClientFrames);
        Assert.Equal(lines.Count, stats.Lines);
    }

    [Theory]
    [MemberData(nameof(SseCorners))]
    public async Task ReadSseBlocksAsync_SpecCorners_MatchSseParser(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var expected = await SseParserBlocksAsync(bytes);

        Assert.Equal(expected, await OurBlocksAsync(new MemoryStream(bytes)));
        Assert.Equal(expected, await OurBlocksAsync(new TrickleStream(bytes, chunk: 1)));
    }

    [Fact]
    public async Task ReadSseAsync_MultiLineData_JoinsTheLinesWithNewlines()
    {
        const string text = "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\ndata: \"item_id\":\"msg_1\",\"output_index\":0,\ndata: \"content_index\":0,\"delta\":\"Hi\",\"sequence_number\":4}\n\n";

        var events = await ReadSseAsync(text);

        var delta = Assert.IsType<OutputTextDeltaEvent>(Assert.Single(events));
        Assert.Equal("Hi", delta.Delta);
        Assert.Equal(4, delta.SequenceNumber);
    }

    [Fact]
    public async Task ReadSseAsync_CommentsAndDoneMarker_AreSkipped()
    {
        const string text = ": keep-alive\n\nevent: response.created\n: a comment inside the event\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\"}}\n\n:\ndata: [DONE]\n\n";
        var stats = new ResponseEventReadStats();

        var events = await ReadAllAsync(ResponseEventReader.ReadSseAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), stats, TestContext.Current.CancellationToken));

        var created = Assert.IsType<ResponseLifecycleEvent>(Assert.Single(events));
        Assert.Equal("resp_1", created.Response.Id);
        Assert.Equal(1, stats.DoneMarkers);
    }

    [Fact]
    public async Task ReadSseAsync_EndsInsideAnEvent_DiscardsItAndSaysWhereItStarted()
    {
        const string text = "data: {\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\"}}\n\nevent: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\"}}\n";
        var stats = new ResponseEventReadStats();

        var events = await ReadAllAsync(ResponseEventReader.ReadSseAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), stats, TestContext.Current.CancellationToken));

        Assert.Equal(ResponseEventTypes.Created, Assert.Single(events).Type);
        Assert.Equal(3, stats.UnterminatedEventLine);
    }

    [Fact]
    public async Task ReadSseAsync_DataNotJson_ThrowsNamingTheLineAndColumn()
    {
        const string text = ": recorded\nevent: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"r\"}}\n\nevent: x\ndata: {\"type\": oops}\n\n";

        var ex = await Assert.ThrowsAsync<ResponseStreamFormatException>(() => ReadSseAsync(text));

        Assert.Equal(6, ex.LineNumber);
        Assert.StartsWith("line 6: data is not JSON: ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("(column 16)", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(ex);
    }

    [Fact]
    public async Task ReadSseAsync_BadJsonOnALaterDataLine_NamesThatLine()
    {
        const string text = "data: {\"type\":\"response.output_text.delta\",\n: a comment between the data lines\ndata: \"delta\": oops}\n\n";

        var ex = await Assert.ThrowsAsync<ResponseStreamFormatException>(() => ReadSseAsync(text));

        Assert.Equal(3, ex.LineNumber);
        Assert.StartsWith("line 3: data is not JSON: ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("(column 16)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSseAsync_JsonThatIsNotAnEvent_SaysWhatIsWrongAndWhere()
    {
        const string text = "\n\ndata: {\"type\":\"response.output_text.delta\",\"output_index\":\"first\"}\n\n";

        var ex = await Assert.ThrowsAsync<ResponseStreamFormatException>(() => ReadSseAsync(text));

        Assert.Equal(3, ex.LineNumber);
        Assert.StartsWith("line 3: data is not a Responses event: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("$.output_index", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadJsonLinesAsync_WrapperFrames_SkipsClientFramesAndCountsThem()
    {
        const string text = """
            {"direction":"client","event":{"type":"response.create","model":"gpt-5"}}
            {"direction":"server","event":{"type":"response.created","sequence_number":0,"response":{"id":"resp_1"}}}
            {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_1"}}
            {"direction":"client","event":{"type":"response.cancel"}}
            """;
        var stats = new ResponseEventReadStats();

        var events = await ReadAllAsync(ResponseEventReader.ReadJsonLinesAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), stats, TestContext.Current.CancellationToken));

        Assert.Equal([ResponseEventTypes.Created, ResponseEventTypes.InProgress], events.Select(e => e.Type));
        Assert.Equal(2, stats.ClientFrames);
        Assert.Equal(4, stats.Lines);
    }

    [Theory]
    [InlineData("{\"type\":\"a\"}\n\n{\"type\": oops}\n", 3, "not JSON: ")]
    [InlineData("{\"type\":\"a\"}\r\n[1]\r\n", 2, "expected a JSON object")]
    [InlineData("{\"direction\":\"up\",\"event\":{}}", 1, "\"direction\" must be \"server\" or \"client\", not \"up\"")]
    [InlineData("{\"direction\":\"server\"}", 1, "a \"server\" frame needs an \"event\" object")]
    [InlineData("{\"direction\":\"server\",\"event\":{\"type\":\"response.output_text.delta\",\"output_index\":\"x\"}}", 1, "the frame's \"event\" is not a Responses event")]
    [InlineData("{\"type\":\"response.output_text.delta\",\"output_index\":\"x\"}", 1, "not a Responses event")]
    public async Task ReadJsonLinesAsync_MalformedLine_ThrowsNamingTheLine(string text, int line, string problem)
    {
        var ex = await Assert.ThrowsAsync<ResponseStreamFormatException>(() =>
            ReadAllAsync(ResponseEventReader.ReadJsonLinesAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), TestContext.Current.CancellationToken)));

        Assert.Equal(line, ex.LineNumber);
        Assert.StartsWith($"line {line}: {problem}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(64)]
    public async Task ReadLineAsync_MixedTerminatorsAcrossReads_SplitsLikeSse(int chunk)
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFFone\r\ntwo\rthree\n\r\nfive\r\r\nseven");
        var reader = new Utf8LineReader(new TrickleStream(bytes, chunk));
        var lines = new List<(int, string)>();
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken))
        {
            lines.Add((reader.LineNumber, Encoding.UTF8.GetString(reader.Line.Span)));
        }

        Assert.Equal([(1, "one"), (2, "two"), (3, "three"), (4, string.Empty), (5, "five"), (6, string.Empty), (7, "seven")], lines);
    }

    private static Task<List<ResponseStreamEvent>> ReadSseAsync(string text) =>
        ReadAllAsync(ResponseEventReader.ReadSseAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), TestContext.Current.CancellationToken));

    private static async Task<List<T>> ReadAllAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>
    /// Only the data is compared: SseParser keeps an event type across a blank line that dispatches
    /// nothing, where the spec resets it; events are typed by their JSON, so the type is not used.
    /// </summary>
    private static async Task<List<string>> OurBlocksAsync(Stream stream) =>
        (await ReadAllAsync(ResponseEventReader.ReadSseBlocksAsync(stream, null, TestContext.Current.CancellationToken))).Select(b => Encoding.UTF8.GetString(b.Data)).ToList();

    private static async Task<List<string>> SseParserBlocksAsync(byte[] bytes) =>
        (await ReadAllAsync(SseParser.Create(new MemoryStream(bytes)).EnumerateAsync(TestContext.Current.CancellationToken))).Select(i => i.Data).ToList();
}
