using System.Net.ServerSentEvents;
using System.Text;
using Tandem.Responses.Tests.Support;
using Tandem.TestSupport;

namespace Tandem.Responses.Tests.Streaming;

/// <summary>
/// The live HTTP transport reads events with <see cref="Utf8LineReader"/> and the data-only side of
/// <see cref="SseBlockAssembler"/> (rented buffers, nothing allocated per event): it must dispatch
/// exactly the data <see cref="SseParser"/> does, on every recorded stream and every corner of the spec.
/// </summary>
public sealed class SseDataPathTests
{
    public static TheoryData<string> SseFiles() => ResponseEventReaderTests.SseFiles();

    public static TheoryData<string> SseCorners() => ResponseEventReaderTests.SseCorners();

    [Theory]
    [MemberData(nameof(SseFiles))]
    public async Task Accept_EveryRecordedStream_DispatchesWhatSseParserDoes(string folder)
    {
        var bytes = await File.ReadAllBytesAsync(Fixtures.RecordedFile(folder, "response.sse"), TestContext.Current.CancellationToken);

        Assert.Equal(await SseParserDataAsync(bytes), await OurDataAsync(new TrickleStream(bytes, chunk: 7)));
    }

    [Theory]
    [MemberData(nameof(SseCorners))]
    public async Task Accept_SpecCorners_DispatchWhatSseParserDoes(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var expected = await SseParserDataAsync(bytes);

        Assert.Equal(expected, await OurDataAsync(new MemoryStream(bytes)));
        Assert.Equal(expected, await OurDataAsync(new TrickleStream(bytes, chunk: 1)));
    }

    [Fact]
    public async Task Accept_EventsLargerThanTheRentedBuffers_AreWhole()
    {
        var big = new string('x', 100_000);
        var bytes = Encoding.UTF8.GetBytes($"data: {big}\ndata: {big}\n\n: comment\ndata: small\n\n");

        var data = await OurDataAsync(new TrickleStream(bytes, chunk: 4096));

        Assert.Equal([big + "\n" + big, "small"], data);
    }

    private static async Task<List<string>> OurDataAsync(Stream stream)
    {
        var ct = TestContext.Current.CancellationToken;
        var data = new List<string>();
        using var lines = new Utf8LineReader(stream);
        using var sse = new SseBlockAssembler(blocks: false);
        while (await lines.ReadLineAsync(ct))
        {
            if (sse.Accept(lines.Line.Span, lines.LineNumber))
            {
                data.Add(Encoding.UTF8.GetString(sse.Data));
            }
        }

        return data;
    }

    private static async Task<List<string>> SseParserDataAsync(byte[] bytes)
    {
        var data = new List<string>();
        await foreach (var item in SseParser.Create(new MemoryStream(bytes)).EnumerateAsync(TestContext.Current.CancellationToken))
        {
            data.Add(item.Data);
        }

        return data;
    }
}
