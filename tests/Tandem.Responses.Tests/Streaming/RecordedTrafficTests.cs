using System.Text.Json;
using System.Text.Json.Nodes;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;
using Tandem.Responses.Tests.Support;
using Tandem.TestSupport;

namespace Tandem.Responses.Tests.Streaming;

/// <summary>
/// Real OpenAI streams (tests/fixtures/recorded) played through the client's real HTTP+SSE path — a
/// fake handler answers with the recorded status, headers and body bytes — and folded back into the
/// final response by <see cref="ResponseAccumulator"/>.
/// </summary>
public sealed class RecordedTrafficTests
{
    private const string VercelInBandError = "vercel-ai-stream-in-band-error-insufficient-quota";

    /// <summary>The event types the wire model types; every other one must arrive as <see cref="UnknownStreamEvent"/>.</summary>
    private static readonly HashSet<string> ModelledTypes =
    [
        ResponseEventTypes.Created, ResponseEventTypes.InProgress, ResponseEventTypes.Queued, ResponseEventTypes.Completed,
        ResponseEventTypes.Failed, ResponseEventTypes.Incomplete, ResponseEventTypes.OutputItemAdded, ResponseEventTypes.OutputItemDone,
        ResponseEventTypes.ContentPartAdded, ResponseEventTypes.ContentPartDone, ResponseEventTypes.OutputTextDelta, ResponseEventTypes.OutputTextDone,
        ResponseEventTypes.OutputTextAnnotationAdded, ResponseEventTypes.RefusalDelta, ResponseEventTypes.RefusalDone,
        ResponseEventTypes.FunctionCallArgumentsDelta, ResponseEventTypes.FunctionCallArgumentsDone, ResponseEventTypes.ReasoningSummaryPartAdded,
        ResponseEventTypes.ReasoningSummaryPartDone, ResponseEventTypes.ReasoningSummaryTextDelta, ResponseEventTypes.ReasoningSummaryTextDone,
        ResponseEventTypes.Error,
    ];

    public static TheoryData<string> StreamFolders() => Recorded.StreamFolders();

    [Fact]
    public void StreamFolders_RecordedCorpus_HoldsTheStreamsOfTheIndex()
    {
        // Guards the theory below against silently running over nothing.
        Assert.True(StreamFolders().Count >= 20);
    }

    [Theory]
    [MemberData(nameof(StreamFolders))]
    public async Task StreamAsync_RecordedStream_YieldsEveryEventAsRecorded(string folder)
    {
        var recorded = RecordedEvents(folder);
        var handler = new ScriptedHandler(_ => Recorded.Answer(folder));
        await using var client = FakeHttp.Client(handler);

        var events = await CollectAsync(client);

        Assert.Equal(1, handler.Count);
        Assert.Equal(recorded.Count, events.Count);
        for (var i = 0; i < recorded.Count; i++)
        {
            AssertJsonEqual(recorded[i], ProtocolJson.Serialize<ResponseStreamEvent>(events[i]), $"{folder} event {i}");
            Assert.Equal(!ModelledTypes.Contains(events[i].Type), events[i] is UnknownStreamEvent);
        }

        Assert.True(events[^1].IsTerminal);
    }

    [Theory]
    [MemberData(nameof(StreamFolders))]
    public async Task StreamAsync_RecordedStream_AccumulatorRebuildsTheFinalOutput(string folder)
    {
        await using var client = FakeHttp.Client(new ScriptedHandler(_ => Recorded.Answer(folder)));
        var events = await CollectAsync(client);

        var accumulator = new ResponseAccumulator();
        events.ForEach(accumulator.Add);

        Assert.Equal(ResponseEventTypes.Completed, accumulator.TerminalType);
        var final = accumulator.Final!;
        Assert.Same(final, Assert.IsType<ResponseLifecycleEvent>(events[^1]).Response);
        Assert.Empty(accumulator.Errors);
        Assert.Empty(accumulator.SequenceGaps);
        Assert.Equal(events.Count(e => e is UnknownStreamEvent) > 0, accumulator.UnknownTypes.Count > 0);
        AssertOutputMatches(final.Output, accumulator.BuildOutput(), folder);
    }

    [Theory]
    [InlineData("pydantic-ai-stream-function-call-gpt4o")]
    [InlineData("pydantic-ai-stream-after-function-output-gpt4o")]
    public async Task StreamAsync_EarlyStreamWithoutSequenceNumbers_IsAcceptedAndRebuilt(string folder)
    {
        await using var client = FakeHttp.Client(new ScriptedHandler(_ => Recorded.Answer(folder)));

        var events = await CollectAsync(client);

        Assert.All(events, e => Assert.Null(e.SequenceNumber));
        var accumulator = new ResponseAccumulator();
        events.ForEach(accumulator.Add);
        Assert.Null(accumulator.LastSequenceNumber);
        Assert.Equal(ResponseEventTypes.Completed, accumulator.TerminalType);
    }

    [Fact]
    public async Task StreamAsync_VercelInBandInsufficientQuota_ThrowsAfterTheEventsBeforeTheError()
    {
        // The vercel fixture keeps the data payloads only: framed here as the real API sends them.
        var chunks = File.ReadAllLines(Fixtures.RecordedFile(VercelInBandError, "response.chunks.jsonl")).Where(l => l.Length > 0).ToList();
        var handler = new ScriptedHandler(_ => FakeHttp.EventStream(FakeHttp.Sse(chunks)));
        await using var client = FakeHttp.Client(handler);
        var seen = new List<ResponseStreamEvent>();

        var ex = await Assert.ThrowsAsync<ResponsesException>(async () =>
        {
            await foreach (var evt in client.StreamAsync(Request(), cancellationToken: TestContext.Current.CancellationToken))
            {
                seen.Add(evt);
            }
        });

        Assert.Equal([ResponseEventTypes.Created, ResponseEventTypes.InProgress], seen.Select(e => e.Type));
        for (var i = 0; i < seen.Count; i++)
        {
            AssertJsonEqual(chunks[i], ProtocolJson.Serialize<ResponseStreamEvent>(seen[i]), $"vercel event {i}");
        }

        Assert.Equal("insufficient_quota", ex.Code);
        Assert.Equal("insufficient_quota", ex.ErrorType);
        Assert.Equal(429, ex.Status);
        Assert.StartsWith("You exceeded your current quota", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
        Assert.False(ex.OutputStarted);
        Assert.Equal(1, handler.Count); // insufficient_quota is never retried
    }

    [Fact]
    public void RecordedCorpus_EveryStream_EndsWithATerminalEvent()
    {
        // If a recorded stream lacked its terminal event the client would have to throw
        // ResponsesConnectionException for it: none does, so the truncation test below plays one.
        foreach (var folder in StreamFolders().Select(row => row.Data))
        {
            Assert.True(ResponseEventTypes.IsTerminal(Type(RecordedEvents(folder)[^1])), folder);
        }
    }

    [Theory]
    [InlineData("openai-dotnet-stream-hello")]
    [InlineData("pydantic-ai-stream-function-call-gpt4o")]
    public async Task StreamAsync_RecordedStreamCutBeforeItsTerminalEvent_ThrowsConnectionExceptionAfterTheRest(string folder)
    {
        var recorded = RecordedEvents(folder);
        var cut = recorded.Take(recorded.Count - 1).ToList();
        var handler = new ScriptedHandler(_ => FakeHttp.EventStream(FakeHttp.Sse(cut)));
        await using var client = FakeHttp.Client(handler, o => o.MaxRetries = 0);
        var seen = 0;

        var ex = await Assert.ThrowsAsync<ResponsesConnectionException>(async () =>
        {
            await foreach (var _ in client.StreamAsync(Request(), cancellationToken: TestContext.Current.CancellationToken))
            {
                seen++;
            }
        });

        Assert.Equal(cut.Count, seen);
        Assert.Equal(0, ex.Status);
        Assert.True(ex.OutputStarted);
        Assert.Equal(1, handler.Count); // output was streamed: never replayed unless replay-safe
    }

    [Fact]
    public async Task StreamAsync_RecordedStreamWithDoneSentinel_IgnoresTheSentinel()
    {
        // vercel/ai's harness appends "data: [DONE]"; the real API does not, but clients must tolerate it.
        const string Folder = "openai-dotnet-stream-hello";
        var body = File.ReadAllText(Fixtures.RecordedFile(Folder, "response.sse")) + "data: [DONE]\n\n";
        await using var client = FakeHttp.Client(new ScriptedHandler(_ => FakeHttp.EventStream(body)));

        var events = await CollectAsync(client);

        Assert.Equal(RecordedEvents(Folder).Count, events.Count);
        Assert.Equal(ResponseEventTypes.Completed, events[^1].Type);
    }

    internal static void AssertJsonEqual(string expected, string actual, string because)
    {
        // An explicit null and an absent field mean the same on this wire; key order is free.
        var e = WithoutNulls(JsonNode.Parse(expected));
        var a = WithoutNulls(JsonNode.Parse(actual));
        if (!JsonNode.DeepEquals(e, a))
        {
            Assert.Fail($"{because}: JSON differs.\nexpected: {Trim(expected)}\nactual:   {Trim(actual)}");
        }
    }

    private static void AssertOutputMatches(List<ResponseItem> expected, List<ResponseItem> actual, string folder)
    {
        Assert.Equal(expected.Select(i => i.Type), actual.Select(i => i.Type));
        for (var i = 0; i < expected.Count; i++)
        {
            var because = $"{folder} output[{i}]";
            switch (expected[i])
            {
                case MessageItem message:
                    var built = Assert.IsType<MessageItem>(actual[i]);
                    Assert.Equal(message.Id, built.Id);
                    Assert.Equal(message.Role, built.Role);
                    Assert.Equal(message.Phase, built.Phase);
                    var expectedParts = message.Content.Parts ?? [];
                    var builtParts = built.Content.Parts ?? [];
                    Assert.True(expectedParts.Count == builtParts.Count, because + ": content part count");
                    for (var p = 0; p < expectedParts.Count; p++)
                    {
                        Assert.Equal(expectedParts[p].Type, builtParts[p].Type);
                        Assert.True(expectedParts[p].Text == builtParts[p].Text, $"{because} part {p}: text differs");
                        Assert.True(expectedParts[p].Refusal == builtParts[p].Refusal, $"{because} part {p}: refusal differs");
                    }

                    break;
                case FunctionCallItem call:
                    var builtCall = Assert.IsType<FunctionCallItem>(actual[i]);
                    Assert.Equal(call.Id, builtCall.Id);
                    Assert.Equal(call.Name, builtCall.Name);
                    Assert.Equal(call.CallId, builtCall.CallId);
                    Assert.Equal(call.Arguments, builtCall.Arguments);
                    break;
                case ReasoningItem reasoning:
                    var builtReasoning = Assert.IsType<ReasoningItem>(actual[i]);
                    Assert.Equal(reasoning.Id, builtReasoning.Id);
                    Assert.Equal(reasoning.Summary.Select(s => s.Text), builtReasoning.Summary.Select(s => s.Text));
                    break;
                case UnknownResponseItem unknown:
                    // Hosted tool calls (web_search_call, mcp_call…): the done event's item, kept raw.
                    var builtUnknown = Assert.IsType<UnknownResponseItem>(actual[i]);
                    Assert.Equal(Id(unknown.Raw), Id(builtUnknown.Raw));
                    break;
            }
        }
    }

    private static string? Id(JsonElement raw) => raw.TryGetProperty("id", out var id) ? id.GetString() : null;

    private static async Task<List<ResponseStreamEvent>> CollectAsync(ResponsesClient client)
    {
        var events = new List<ResponseStreamEvent>();
        await foreach (var evt in client.StreamAsync(Request(), cancellationToken: TestContext.Current.CancellationToken))
        {
            events.Add(evt);
        }

        return events;
    }

    private static ResponseCreateRequest Request() => new() { Model = "gpt-4o-mini", Input = "recorded" };

    private static List<string> RecordedEvents(string folder) =>
        Fixtures.SseData(Fixtures.RecordedFile(folder, "response.sse")).Where(d => d != "[DONE]").ToList();

    private static string Type(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("type").GetString()!;
    }

    private static JsonNode? WithoutNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    o.Remove(key);
                }

                foreach (var (_, v) in o)
                {
                    WithoutNulls(v);
                }

                break;
            case JsonArray arr:
                foreach (var v in arr)
                {
                    WithoutNulls(v);
                }

                break;
        }

        return node;
    }

    private static string Trim(string s) => s.Length > 2000 ? s[..2000] + "…" : s;
}
