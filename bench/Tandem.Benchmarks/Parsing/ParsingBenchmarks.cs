using System.Net.ServerSentEvents;
using BenchmarkDotNet.Attributes;
using Tandem.Benchmarks.Infrastructure;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Benchmarks.Parsing;

/// <summary>
/// Receiving cost per event, without a network: a recorded ~200-event stream parsed to typed
/// events with <see cref="ProtocolJson.ParseEvent"/>, the step both transports run per event: from
/// SSE (here split by <see cref="SseParser"/>, whose own cost per event is the raw floor's; the HTTP
/// transport splits with its own line reader, which allocates nothing per event) and from one
/// WebSocket frame, beside the raw floor of each (read only <c>type</c>). One operation
/// is one event, so Mean is the time per event, Op/s the events per second and Allocated the bytes
/// per event. A stream of one response (<c>mcp-o4mini</c>) repeats byte for byte from one operation
/// to the next, so its <c>response.created</c> shares the bytes kept from the previous operation's
/// <c>response.in_progress</c> (ParseEvent keeps the last opening response on the thread): about
/// 5 bytes per event below what a live stream of distinct responses costs.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ParsingConfig))]
public class ParsingBenchmarks
{
    /// <summary>Both streams hold this many events (checked at setup), so one operation is one event.</summary>
    public const int Events = 194;

    private RecordedStream _stream = null!;

    /// <summary>
    /// <c>mixed</c>: consecutive real responses covering text, tool calls, reasoning, phases,
    /// annotations and web search; <c>mcp-o4mini</c>: the longest single recorded response (mostly
    /// text deltas, plus MCP items).
    /// </summary>
    [Params("mixed", "mcp-o4mini")]
    public string Stream { get; set; } = "mixed";

    [GlobalSetup]
    public void Setup()
    {
        _stream = Stream switch
        {
            "mixed" => RecordedStream.Load(
                "mixed",
                "openai-dotnet-stream-hello",
                "pydantic-ai-stream-function-call-gpt4o",
                "pydantic-ai-stream-after-function-output-gpt4o",
                "pydantic-ai-stream-reasoning-function-call-gpt5",
                "pydantic-ai-stream-phase-commentary-then-function-call",
                "pydantic-ai-stream-phase-final-answer",
                "pydantic-ai-stream-annotation-added-gpt52",
                "pydantic-ai-stream-web-search-gpt5"),
            "mcp-o4mini" => RecordedStream.Load("mcp-o4mini", "pydantic-ai-stream-mcp-o4mini"),
            _ => throw new ArgumentException($"Unknown stream '{Stream}'."),
        };

        // OperationsPerInvoke is a compile-time constant: refuse to report per-event figures for a stream of another size.
        if (_stream.EventCount != Events)
        {
            throw new InvalidOperationException($"Stream '{Stream}' has {_stream.EventCount} events, not {Events}.");
        }

        var parsed = SseTyped().GetAwaiter().GetResult();
        if (parsed != Events)
        {
            throw new InvalidOperationException($"SseParser read {parsed} events from '{Stream}', expected {Events}.");
        }

        Console.WriteLine($"// stream '{Stream}': {_stream.EventCount} events, {_stream.Sse.Length} SSE bytes, {_stream.Frames.Sum(f => f.Length)} JSON bytes");
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "SSE → typed (Tandem)")]
    [BenchmarkCategory("SSE")]
    public async Task<int> SseTyped()
    {
        // SseParser over the body stream, ParseEvent per data line (HttpSseTransport parses each event's data the same way).
        using var body = new MemoryStream(_stream.Sse, writable: false);
        var parser = SseParser.Create(body, static (_, data) => IsDone(data) ? null : ProtocolJson.ParseEvent(data));
        var count = 0;
        await foreach (var item in parser.EnumerateAsync().ConfigureAwait(false))
        {
            if (item.Data is not null)
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "WS frame → typed (Tandem)")]
    [BenchmarkCategory("WebSocket")]
    public long WebSocketTyped()
    {
        // The WebSocket receive loop's parse step: one whole text frame, one typed event.
        long sequence = 0;
        foreach (var frame in _stream.Frames)
        {
            ResponseStreamEvent evt = ProtocolJson.ParseEvent(frame);
            sequence += evt.SequenceNumber ?? 0;
        }

        return sequence;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "SSE → type only (raw floor)")]
    [BenchmarkCategory("SSE")]
    public async Task<int> SseTypeOnly()
    {
        using var body = new MemoryStream(_stream.Sse, writable: false);
        var parser = SseParser.Create(body, static (_, data) => EventTypeReader.Read(data));
        var completed = 0;
        await foreach (var item in parser.EnumerateAsync().ConfigureAwait(false))
        {
            completed += item.Data == EventKind.Completed ? 1 : 0;
        }

        return completed;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "WS frame → type only (raw floor)")]
    [BenchmarkCategory("WebSocket")]
    public int WebSocketTypeOnly()
    {
        var completed = 0;
        foreach (var frame in _stream.Frames)
        {
            completed += EventTypeReader.Read(frame) == EventKind.Completed ? 1 : 0;
        }

        return completed;
    }

    private static bool IsDone(ReadOnlySpan<byte> data) => data.SequenceEqual("[DONE]"u8);
}
