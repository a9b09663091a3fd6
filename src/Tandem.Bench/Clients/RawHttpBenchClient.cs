using System.Buffers;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Tandem.Bench.Measurement;
using Tandem.Bench.Scenarios;

namespace Tandem.Bench.Clients;

/// <summary>
/// The floor over HTTP+SSE: a hand-written tool loop with one pooled <see cref="HttpClient"/>, request
/// bodies written with <see cref="Utf8JsonWriter"/> into a reused buffer, and responses read with
/// <see cref="SseParser"/> by each event's name alone — JSON is read only for the function-call items
/// of <c>response.output_item.done</c>, the id and usage of <c>response.completed</c> and the text of
/// <c>response.output_text.done</c> (see <see cref="RawResponsesProtocol"/>). Chained with
/// <c>previous_response_id</c>; each call starts as soon as its item is done.
/// </summary>
internal sealed class RawHttpBenchClient : IBenchClient
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly BenchTarget _target;
    private readonly TrafficMeter _meter = new();
    private readonly HttpClient _http;
    private readonly Uri _responsesUri;
    private readonly ArrayBufferWriter<byte> _body = new(16 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly RawTurn _turn = new();
    private readonly SseItemParser<RawEventKind> _parse;
    private BenchScenario? _toolsFor;
    private byte[] _tools = [];

    private RawHttpBenchClient(BenchTarget target)
    {
        _target = target;
        _http = new HttpClient(_meter.Handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", target.ApiKey);
        _responsesUri = new Uri(target.BaseUrl, "responses");
        _json = new Utf8JsonWriter(_body, RawResponsesProtocol.WriterOptions);
        _parse = (eventType, data) => _turn.Handle(RawResponsesProtocol.KindOf(eventType), data);
    }

    public string Name => "raw-http";

    public string Description => "Raw floor: one HttpClient, Utf8JsonWriter bodies, SseParser reading event names only (JSON read for call items, completion usage, final text), HTTP+SSE chained with previous_response_id, calls started as their items complete";

    public string Transport => "http";

    public static RawHttpBenchClient Create(BenchTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new RawHttpBenchClient(target);
    }

    public async Task<RunMeasurement> RunAsync(BenchScenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var recorder = new RunRecorder(_meter);
        var model = _target.ModelFor(scenario);
        if (!ReferenceEquals(_toolsFor, scenario))
        {
            _tools = RawResponsesProtocol.ToolsJson(scenario);
            _toolsFor = scenario;
        }

        string? previous = null;
        string[] outputs = [];
        try
        {
            for (var turn = 0; turn < scenario.Turns + 2; turn++)
            {
                recorder.TurnStarted(); // the request's serialisation counts in the turn
                _body.ResetWrittenCount();
                _json.Reset(_body);
                RawResponsesProtocol.WriteRequest(_json, webSocket: false, model, previous, turn == 0 ? scenario.Prompt : null, turn == 0 ? Array.Empty<RawFunctionCall>() : _turn.Calls, outputs, _tools);
                _turn.Reset(scenario, cancellationToken);

                using var request = new HttpRequestMessage(HttpMethod.Post, _responsesUri) { Content = new ReadOnlyMemoryContent(_body.WrittenMemory) };
                request.Content.Headers.ContentType = JsonType;
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    return recorder.Finish(string.Empty, $"raw-http: turn {turn + 1}: HTTP {(int)response.StatusCode}: {RawResponsesProtocol.Truncate(body)}");
                }

                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    await foreach (var item in SseParser.Create(stream, _parse).EnumerateAsync(cancellationToken).ConfigureAwait(false))
                    {
                        // Read to the end (the server closes the stream after response.completed), so the connection is reused.
                        if (item.Data is RawEventKind.OutputItemAdded or RawEventKind.TextDelta or RawEventKind.OutputItemDone)
                        {
                            recorder.Output();
                        }
                        else if (item.Data is RawEventKind.Completed && _turn.Completion is { } done)
                        {
                            recorder.TurnCompleted(done.ResponseId, done.InputTokens, done.CachedTokens, done.OutputTokens, _turn.Calls.Count);
                        }
                    }
                }

                if (_turn.Failure is { } failure)
                {
                    return recorder.Finish(string.Empty, $"raw-http: turn {turn + 1}: {failure}");
                }

                if (_turn.Completion is not { } completion)
                {
                    return recorder.Finish(string.Empty, $"raw-http: turn {turn + 1}: the stream ended without response.completed");
                }

                if (_turn.Calls.Count == 0)
                {
                    return recorder.Finish(_turn.Text);
                }

                outputs = await _turn.OutputsAsync().ConfigureAwait(false);
                previous = completion.ResponseId;
            }

            return recorder.Finish(string.Empty, $"raw-http: no final answer after {scenario.Turns + 2} turns");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return recorder.Finish(string.Empty, $"raw-http: {ex.GetType().Name}: {ex.Message}");
        }
    }

    public ValueTask DisposeAsync()
    {
        _json.Dispose();
        _http.Dispose();
        _meter.Dispose();
        return ValueTask.CompletedTask;
    }
}
