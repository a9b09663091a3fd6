using System.Text;
using System.Text.Json;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Server.Tests.Support;

namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// A consumer slower than the server: over WebSocket the client buffers at most
/// <see cref="ResponsesClientOptions.LaneEventBuffer"/> events per lane and the socket reader waits,
/// so memory stays bounded, and nothing is lost when the consumer catches up.
/// </summary>
public sealed class WebSocketBackPressureTests : IDisposable
{
    private const int Buffer = 4;
    private readonly string _scenarios = Directory.CreateTempSubdirectory("tandem-backpressure-").FullName;
    private readonly string _text;

    public WebSocketBackPressureTests()
    {
        string[] words = ["tandem", "streams", "a", "long", "answer", "word", "by", "word,", "while", "the", "reader", "naps."];
        var sb = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            sb.Append(i == 0 ? string.Empty : " ").Append(words[i % words.Length]);
        }

        _text = sb.ToString();
        var scenario = new Dictionary<string, object>
        {
            ["name"] = "long-answer",
            ["description"] = "One turn with a ~3000-word answer, for back-pressure tests.",
            ["turns"] = new[] { new { output = new[] { new { type = "message", text = _text } } } },
        };
        File.WriteAllText(Path.Combine(_scenarios, "long-answer.json"), JsonSerializer.Serialize(scenario));
    }

    public void Dispose() => Directory.Delete(_scenarios, recursive: true);

    [Theory]
    [InlineData(true)] // the receive loop runs a waiting reader itself (the default)
    [InlineData(false)] // every reader resumes on the thread pool
    public async Task StreamAsync_ConsumerPausesOnALongAnswer_BuffersAtMostLaneEventBufferAndLosesNothing(bool deliverInline)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync(o => o.ScenarioDirectory = _scenarios);
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket, o =>
        {
            o.LaneEventBuffer = Buffer;
            o.DeliverEventsInline = deliverInline;
        });
        var accumulator = new ResponseAccumulator();
        var deltas = new StringBuilder();

        await using var events = client.StreamAsync(new ResponseCreateRequest { Model = "scenario/long-answer", Input = "Tell me a long story." }, cancellationToken: ct).GetAsyncEnumerator(ct);
        Assert.True(await events.MoveNextAsync());
        accumulator.Add(events.Current);

        // The server has thousands of events to send; the client must not take more than it may hold.
        // Pause ~300 ms (longer only while the buffer has not filled yet, on a slow machine).
        var peak = 0;
        for (var waited = 0; waited < 300 || (peak < Buffer && waited < 5000); waited += 20)
        {
            await Task.Delay(20, ct);
            peak = Math.Max(peak, client.BufferedEvents());
        }

        Assert.Equal(Buffer, peak);
        Assert.Equal(Buffer, client.BufferedEvents()); // full, and the socket reader waits

        while (await events.MoveNextAsync())
        {
            accumulator.Add(events.Current);
            if (events.Current is OutputTextDeltaEvent delta)
            {
                deltas.Append(delta.Delta);
            }

            Assert.InRange(client.BufferedEvents(), 0, Buffer);
        }

        Assert.Equal(ResponseEventTypes.Completed, accumulator.TerminalType);
        Assert.Empty(accumulator.SequenceGaps);
        Assert.True(accumulator.EventCount > 1000, $"only {accumulator.EventCount} events: the answer is not long enough to test back-pressure");
        Assert.Equal(_text, accumulator.Final!.GetOutputText());
        Assert.Equal(_text, deltas.ToString());
        Assert.Equal(0, client.BufferedEvents());
    }

    [Fact]
    public async Task StreamAsync_HttpTransport_BuffersNoEvents()
    {
        await using var server = await TestServer.StartAsync(o => o.ScenarioDirectory = _scenarios);
        await using var client = Clients.Create(server, ResponsesTransportKind.HttpSse, o => o.LaneEventBuffer = Buffer);
        var text = new StringBuilder();

        await foreach (var evt in client.StreamAsync(new ResponseCreateRequest { Model = "scenario/long-answer", Input = "Tell me a long story." }, cancellationToken: TestContext.Current.CancellationToken))
        {
            if (evt is OutputTextDeltaEvent delta)
            {
                text.Append(delta.Delta);
            }
        }

        Assert.Equal(0, client.BufferedEvents());
        Assert.Equal(_text, text.ToString());
    }
}
