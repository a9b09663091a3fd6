using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Tandem.Voice.Realtime;
using Tandem.Voice.Realtime.Protocol;
using Tandem.Voice.Tests.Realtime.Support;

namespace Tandem.Voice.Tests.Realtime;

/// <summary>The client against a fake Realtime server on loopback that answers with recorded OpenAI events.</summary>
public sealed partial class RealtimeClientTests : IDisposable
{
    private const string WeatherSchema = """{"additionalProperties": false, "properties": {"city": {"type": "string"}}, "required": ["city"], "type": "object"}""";

    // A safety net: a broken client fails a test in a minute instead of hanging the run (no timing is asserted).
    private readonly CancellationTokenSource _safety = CreateSafety();

    private CancellationToken Ct => _safety.Token;

    private static RecordedRealtimeSession ToolRound { get; } = RecordedRealtimeSession.Load("realtime-openai-tool-call-round");

    private static RecordedRealtimeSession AudioVad { get; } = RecordedRealtimeSession.Load("realtime-openai-audio-in-server-vad");

    private static string SessionCreated => ToolRound.ServerFrames.First(f => f.Type == "session.created").Json;

    private static RealtimeClient NewClient(FakeRealtimeServer server, Action<RealtimeClientOptions>? configure = null, ILogger<RealtimeClient>? logger = null)
    {
        var options = new RealtimeClientOptions { BaseUrl = server.BaseUrl, ApiKey = FakeRealtimeServer.Key };
        configure?.Invoke(options);
        return new RealtimeClient(options, logger);
    }

    /// <summary>A server that sends session.created, then keeps every client event until the client closes.</summary>
    private static Task<FakeRealtimeServer> StartQuietServerAsync(string? sessionCreated = null, string model = RealtimeClientOptions.DefaultModel) =>
        FakeRealtimeServer.StartAsync(
            async (connection, ct) =>
            {
                await connection.SendAsync(sessionCreated ?? SessionCreated, ct);
                await connection.DrainUntilClosedAsync(ct);
            },
            model);

    private static RealtimeSessionConfig WeatherSession() => new()
    {
        Instructions = "Use the get_weather tool for any weather question, then answer in one short sentence.",
        OutputModalities = ["text"],
        Audio = new RealtimeAudioConfig
        {
            Input = new RealtimeAudioInputConfig
            {
                Format = RealtimeAudioFormat.Pcm24kHz,
                TurnDetection = RealtimeTurnDetection.ServerVad(createResponse: true, interruptResponse: true),
                Transcription = new RealtimeTranscriptionConfig { Model = "gpt-realtime-whisper" },
            },
            Output = new RealtimeAudioOutputConfig { Format = RealtimeAudioFormat.Pcm24kHz },
        },
        Tools = [RealtimeTool.Function("get_weather", "Look up the weather for a city.", WeatherSchema)],
    };

    public void Dispose() => _safety.Dispose();

    private static CancellationTokenSource CreateSafety()
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        return cts;
    }

    private static JsonObject WithoutEventId(JsonObject evt)
    {
        var copy = evt.DeepClone().AsObject();
        copy.Remove("event_id");
        return copy;
    }

    [Fact]
    public async Task ConnectAsync_BearerKeyAndModelQuery_AreAcceptedAndTheSessionIsKnown()
    {
        await using var server = await StartQuietServerAsync(model: "gpt-realtime-2.1");
        await using var client = NewClient(server, o => o.Model = "gpt-realtime-2.1");

        await client.ConnectAsync(Ct);
        var created = await client.WaitForAsync<RealtimeSessionCreatedEvent>(cancellationToken: Ct);

        Assert.True(client.IsConnected);
        Assert.Equal("sess_E6U1105MHBiPou6PkKs3c", created.Session!.Id);
        Assert.Same(created.Session, client.Session);
        Assert.Equal("gpt-realtime-2.1", (await server.Connection).Model);
        Assert.Empty(server.Refused);
    }

    [Fact]
    public async Task ConnectAsync_WrongKey_FailsWith401AndNeverShowsTheKey()
    {
        const string wrongKey = "sk-proj-WRONGwrongWRONG0123456789abcdef";
        await using var server = await StartQuietServerAsync();
        var logger = new CapturingLogger();
        await using var client = NewClient(server, o => o.ApiKey = wrongKey, logger);

        var ex = await Assert.ThrowsAsync<RealtimeConnectionException>(() => client.ConnectAsync(Ct));

        Assert.Equal(401, ex.HttpStatus);
        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, client.ToString(), StringComparison.Ordinal);
        Assert.All(logger.Lines, line => Assert.DoesNotContain(wrongKey, line, StringComparison.Ordinal));
        Assert.Equal(["authorization"], server.Refused);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task ConnectAsync_Twice_Throws()
    {
        await using var server = await StartQuietServerAsync();
        await using var client = NewClient(server);
        await client.ConnectAsync(Ct);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.ConnectAsync(Ct));
        Assert.Contains("new client", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_BeforeConnect_SayConnectFirst()
    {
        await using var client = new RealtimeClient(new RealtimeClientOptions { ApiKey = "k" });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await client.AppendAudioAsync(new byte[2], Ct));
        Assert.Contains("ConnectAsync", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.WaitForAsync<RealtimeResponseDoneEvent>(cancellationToken: Ct));
    }

    [Fact]
    public async Task ToolRound_ReplayedSession_RunsTheFunctionAndReadsTheAnswer()
    {
        await using var server = await FakeRealtimeServer.StartAsync((c, ct) => RecordedReplay.RunAsync(c, ToolRound.Frames, ct));
        await using var client = NewClient(server);
        await client.ConnectAsync(Ct);

        var effective = await client.UpdateSessionAsync(WeatherSession(), Ct);
        Assert.Equal("get_weather", Assert.Single(effective.Tools!).Name);
        Assert.Equal(["text"], effective.OutputModalities);
        Assert.Same(effective, client.Session);

        await client.CreateItemAsync(RealtimeMessageItem.UserText("What is the weather in London?"), cancellationToken: Ct);
        var response = await client.CreateResponseAsync(cancellationToken: Ct);
        Assert.Equal("resp_E6U11oof93olA0JOwdA0H", response.Id);
        Assert.Equal(RealtimeResponseStatus.InProgress, response.Status);

        var calls = new List<RealtimeFunctionCall>();
        string? answer = null;
        await foreach (var evt in client.ReadEventsAsync(Ct))
        {
            await client.HandleFunctionCallsAsync(evt, (call, _) =>
            {
                calls.Add(call);
                return ValueTask.FromResult("It is foggy and 12 degrees in London.");
            }, cancellationToken: Ct);

            if (evt is RealtimeResponseDoneEvent { Response.Output: [RealtimeMessageItem { Content: [{ Text: { } text }] }] })
            {
                answer = text;
                break;
            }
        }

        Assert.Equal("It is foggy and 12 degrees in London.", answer);
        var handled = Assert.Single(calls);
        Assert.Equal(("call_uMNE0Myi2tDTPu0w", "get_weather", "resp_E6U11oof93olA0JOwdA0H"), (handled.CallId, handled.Name, handled.ResponseId));
        Assert.Equal("London", handled.ParseArguments().GetProperty("city").GetString());

        // What the client sent is what pydantic-ai sent in the recording, event ids aside.
        await client.CloseAsync(Ct);
        await server.AssertScriptSucceededAsync();
        var sent = (await server.Connection).Received;
        var recorded = ToolRound.ClientFrames.ToList();
        Assert.Equal(recorded.Count, sent.Count);
        for (var i = 0; i < sent.Count; i++)
        {
            Assert.StartsWith("evt_", (string?)sent[i]["event_id"], StringComparison.Ordinal);
            Assert.True(RecordedRealtimeSession.SameJson(recorded[i].Json, WithoutEventId(sent[i]).ToJsonString()), $"#{i}: recorded {recorded[i].Json}\nsent {sent[i].ToJsonString()}");
        }
    }

    [Fact]
    public async Task HistorySeeding_GptRealtime21_ModelIsOnlyASetting()
    {
        var recording = RecordedRealtimeSession.Load("realtime-openai-gpt-realtime-2.1-history-seeding");
        await using var server = await FakeRealtimeServer.StartAsync((c, ct) => RecordedReplay.RunAsync(c, recording.Frames, ct), expectedModel: "gpt-realtime-2.1");
        await using var client = NewClient(server, o => o.Model = "gpt-realtime-2.1");
        await client.ConnectAsync(Ct);

        var effective = await client.UpdateSessionAsync(new RealtimeSessionConfig { Instructions = "Answer in one short sentence.", OutputModalities = ["text"] }, Ct);
        await client.CreateItemAsync(RealtimeMessageItem.UserText("My name is Alice and my favorite color is teal."), cancellationToken: Ct);
        await client.CreateItemAsync(RealtimeMessageItem.AssistantText("Nice to meet you, Alice!"), cancellationToken: Ct);
        await client.CreateItemAsync(RealtimeMessageItem.UserText("What is my name and favorite color?"), cancellationToken: Ct);
        await client.CreateResponseAsync(cancellationToken: Ct);
        var done = await client.WaitForAsync<RealtimeResponseDoneEvent>(cancellationToken: Ct);

        Assert.Equal("gpt-realtime-2.1", effective.Model);
        var message = Assert.IsType<RealtimeMessageItem>(Assert.Single(done.Response!.Output!));
        Assert.Equal("Your name is Alice, and your favorite color is teal.", message.Content![0].Text);
        Assert.Equal("final_answer", message.AdditionalProperties!["phase"].GetString()); // a newer field, kept
        Assert.Equal(17, done.Response.Usage!.OutputTokenDetails!.AdditionalProperties!["reasoning_tokens"].GetInt32());
    }

    [Fact]
    public async Task AudioCommitResponseAndToolRound_ScriptedFromRecordings_Works()
    {
        // session.created/updated, then audio appended and committed by hand, then the recorded tool round.
        var tool = ToolRound.Frames;
        var firstResponseCreate = tool.ToList().FindIndex(f => f.Type == "response.create");
        var committed = AudioVad.ServerFrames.Where(f => f.Type is "input_audio_buffer.committed").Take(1)
            .Concat(AudioVad.ServerFrames.Where(f => f.Type is "conversation.item.added" or "conversation.item.done").Take(2));
        List<RecordedFrame> script =
        [
            .. tool.TakeWhile(f => f.Type != "conversation.item.create"),
            new RecordedFrame(0, false, "input_audio_buffer.append", "{}"),
            new RecordedFrame(0, false, "input_audio_buffer.commit", "{}"),
            .. committed,
            .. tool.Skip(firstResponseCreate),
        ];
        await using var server = await FakeRealtimeServer.StartAsync((c, ct) => RecordedReplay.RunAsync(c, script, ct));
        await using var client = NewClient(server);
        await client.ConnectAsync(Ct);
        await client.UpdateSessionAsync(WeatherSession(), Ct);

        var pcm = TestAudio.Tone(450);
        var streamed = await client.StreamAudioAsync(new MemoryStream(pcm), new AudioStreamOptions { Pacing = AudioPacing.AsFastAsPossible }, Ct);
        var commit = await client.CommitAudioAsync(Ct);
        var response = await client.CreateResponseAsync(cancellationToken: Ct);

        Assert.Equal(TimeSpan.FromMilliseconds(450), streamed);
        Assert.Equal("item_E6U0xpLmn5e80rVGpEeKv", commit.ItemId);
        Assert.Equal("resp_E6U11oof93olA0JOwdA0H", response.Id);

        var outputs = 0;
        var final = await ReadUntilAsync(client, async evt =>
        {
            outputs += (await client.HandleFunctionCallsAsync(evt, (_, _) => ValueTask.FromResult("""{"forecast":"fog","celsius":12}"""), cancellationToken: Ct)).Count;
            return evt is RealtimeResponseDoneEvent { Response.Id: "resp_E6U11zrzQPfORkorcByyP" };
        });

        Assert.Equal(1, outputs);
        Assert.IsType<RealtimeResponseDoneEvent>(final[^1]);
        await client.CloseAsync(Ct);
        await server.AssertScriptSucceededAsync();
        var sent = (await server.Connection).Received;
        var appends = sent.Where(e => (string?)e["type"] == "input_audio_buffer.append").ToList();
        Assert.Equal(5, appends.Count); // 450 ms in 100 ms chunks
        Assert.Equal(pcm, appends.SelectMany(a => Convert.FromBase64String((string)a["audio"]!)).ToArray());
        var output = sent.Single(e => (string?)e["item"]?["type"] == "function_call_output");
        Assert.Equal("call_uMNE0Myi2tDTPu0w", (string?)output["item"]!["call_id"]);
        Assert.Equal("""{"forecast":"fog","celsius":12}""", (string?)output["item"]!["output"]);
        Assert.Equal(
            ["session.update", "input_audio_buffer.append", "input_audio_buffer.commit", "response.create", "conversation.item.create", "response.create"],
            Runs(sent.Select(e => (string)e["type"]!)));
    }

    [Fact]
    public async Task StreamAudioAsync_ServerVadSession_ReadsTheReplayedTurn()
    {
        await using var server = await FakeRealtimeServer.StartAsync((c, ct) => RecordedReplay.RunAsync(c, AudioVad.Frames, ct));
        await using var client = NewClient(server);
        await client.ConnectAsync(Ct);
        await client.UpdateSessionAsync(new RealtimeSessionConfig { Instructions = "Reply in a few words." }, Ct);

        await client.StreamAudioAsync(new MemoryStream(TestAudio.Tone(300)), new AudioStreamOptions { Pacing = AudioPacing.AsFastAsPossible }, Ct);
        var events = await ReadUntilAsync(client, e => ValueTask.FromResult(e is RealtimeResponseDoneEvent));

        Assert.Equal("Hello, my name is Marcelo.", events.OfType<RealtimeInputAudioTranscriptionCompletedEvent>().Single().Transcript);
        Assert.Equal(1460, events.OfType<RealtimeInputAudioBufferSpeechStartedEvent>().Single().AudioStartMs);
        Assert.Equal(27, events.OfType<RealtimeResponseOutputAudioDeltaEvent>().Count());
        Assert.Equal("Hello, Marcelo! Great to meet you. How can I help you today?", events.OfType<RealtimeResponseOutputAudioTranscriptDoneEvent>().Single().Transcript);
        Assert.DoesNotContain(events, e => e is RealtimeMalformedFrameEvent or RealtimeUnknownServerEvent);
    }

    [Fact]
    public async Task CommitAudioAsync_ServerErrorForItsEvent_FailsWithCodeTypeAndEventId()
    {
        await using var server = await FakeRealtimeServer.StartAsync(async (c, ct) =>
        {
            await c.SendAsync(SessionCreated, ct);
            var commit = await c.ExpectAsync("input_audio_buffer.commit", ct);
            await c.SendAsync(FakeRealtimeServer.Error((string?)commit["event_id"], "input_audio_buffer_commit_empty", "Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has 0.00ms of audio."), ct);
            await c.SendAsync("""{"type":"rate_limits.updated","event_id":"event_marker","rate_limits":[]}""", ct);
            await c.DrainUntilClosedAsync(ct);
        });
        await using var client = NewClient(server);
        await client.ConnectAsync(Ct);

        var ex = await Assert.ThrowsAsync<RealtimeException>(() => client.CommitAudioAsync(Ct));

        Assert.Equal("input_audio_buffer_commit_empty", ex.Code);
        Assert.Equal("invalid_request_error", ex.ErrorType);
        Assert.Null(ex.Param);
        Assert.StartsWith("evt_", ex.EventId, StringComparison.Ordinal);
        Assert.Equal(ex.EventId, (string?)(await server.Connection).Received.Single()["event_id"]);
        Assert.Contains("buffer too small", ex.Message, StringComparison.Ordinal);

        // The error answered the operation: the reader does not get it too.
        var events = await ReadUntilAsync(client, e => ValueTask.FromResult(e is RealtimeRateLimitsUpdatedEvent));
        Assert.DoesNotContain(events, e => e is RealtimeErrorEvent);
    }

    [Fact]
    public async Task UpdateSessionAsync_ServerErrorWithParam_FailsNamingTheParam()
    {
        await using var server = await FakeRealtimeServer.StartAsync(async (c, ct) =>
        {
            await c.SendAsync(SessionCreated, ct);
            var update = await c.ExpectAsync("session.update", ct);
            await c.SendAsync(FakeRealtimeServer.Error((string?)update["event_id"], "invalid_value", "Invalid value: 16000. Supported values are: 24000.", "session.audio.input.format.rate"), ct);
            await c.DrainUntilClosedAsync(ct);
        });
        await using var client = NewClient(server);
        await client.ConnectAsync(Ct);

        var bad = new RealtimeSessionConfig { Audio = new RealtimeAudioConfig { Input = new RealtimeAudioInputConfig { Format = new RealtimeAudioFormat { Type = "audio/pcm", Rate = 16000 } } } };
        var ex = await Assert.ThrowsAsync<RealtimeException>(() => client.UpdateSessionAsync(bad, Ct));

        Assert.Equal("session.audio.input.format.rate", ex.Param);
        Assert.Equal("invalid_value", ex.Code);
        Assert.Contains("session.audio.input.format.rate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerError_NotAnsweringAWaitingOperation_IsReadAsAnEvent()
    {
        await using var server = await FakeRealtimeServer.StartAsync(async (c, ct) =>
        {
            await c.SendAsync(SessionCreated, ct);
            var create = await c.ExpectAsync("conversation.item.create", ct);
            await c.SendAsync(FakeRealtimeServer.Error((string?)create["event_id"], "invalid_value", "Unknown item type.", "item.type"), ct);
            await c.SendAsync(FakeRealtimeServer.Error(null, "server_error", "The server had an error.", type: "server_error"), ct);
            await c.DrainUntilClosedAsync(ct);
        });
        await using var client = NewClient(server);
        await client.ConnectAsync(Ct);

        var eventId = await client.CreateItemAsync(RealtimeMessageItem.UserText("hi"), cancellationToken: Ct);
        var errors = (await ReadUntilAsync(client, e => ValueTask.FromResult(e is RealtimeErrorEvent { Error.Code: "server_error" }))).OfType<RealtimeErrorEvent>().ToList();

        Assert.Equal(2, errors.Count);
        Assert.Equal(eventId, errors[0].Error!.EventId);
        Assert.Equal("item.type", errors[0].Error!.Param);
        Assert.Null(errors[1].Error!.EventId);
    }

    [Fact]
    public async Task WaitForAsync_ErrorBeforeTheEvent_ThrowsRealtimeException()
    {
        await using var server = await FakeRealtimeServer.StartAsync(async (c, ct) =>
        {
            await c.SendAsync(SessionCreated, ct);
            await c.SendAsync(FakeRealtimeServer.Error(null, "rate_limit_exceeded", "Slow down.", type: "rate_limit_error"), ct);
            await c.DrainUntilClosedAsync(ct);
        });
        await using var client = NewClient(server);
        await client.ConnectAsync(Ct);

        var ex = await Assert.ThrowsAsync<RealtimeException>(() => client.WaitForAsync<RealtimeResponseDoneEvent>(cancellationToken: Ct));

        Assert.Equal("rate_limit_exceeded", ex.Code);
        Assert.Equal("rate_limit_error", ex.ErrorType);
    }

    [Fact]
    public async Task ServerErrorQuotingTheKey_ExceptionsAndLogsNeverShowIt()
    {
        await using var server = await FakeRealtimeServer.StartAsync(async (c, ct) =>
        {
            await c.SendAsync(SessionCreated, ct);
            var update = await c.ExpectAsync("session.update", ct);
            await c.SendAsync(FakeRealtimeServer.Error((string?)update["event_id"], "invalid_api_key", $"Incorrect API key provided: {FakeRealtimeServer.Key}.", FakeRealtimeServer.Key), ct);
            await c.SendAsync(FakeRealtimeServer.Error(null, "invalid_api_key", $"Key {FakeRealtimeServer.Key} revoked."), ct);
            await c.SendAsync($"not json {FakeRealtimeServer.Key}", ct);
            await c.DrainUntilClosedAsync(ct);
        });
        var logger = new CapturingLogger();
        await using var client = NewClient(server, logger: logger);
        await client.ConnectAsync(Ct);

        var ex = await Assert.ThrowsAsync<RealtimeException>(() => client.UpdateSessionAsync(new RealtimeSessionConfig(), Ct));
        var waitEx = await Assert.ThrowsAsync<RealtimeException>(() => client.WaitForAsync<RealtimeResponseDoneEvent>(cancellationToken: Ct));
        var malformed = await client.WaitForAsync<RealtimeMalformedFrameEvent>(cancellationToken: Ct);

        Assert.Equal("invalid_api_key", ex.Code);
        foreach (var text in new[] { ex.ToString(), waitEx.ToString(), malformed.Message, malformed.Frame!, client.ToString() })
        {
            Assert.DoesNotContain(FakeRealtimeServer.Key, text, StringComparison.Ordinal);
        }

        Assert.Contains("[REDACTED", ex.Message, StringComparison.Ordinal);
        Assert.NotEmpty(logger.Lines);
        Assert.All(logger.Lines, line => Assert.DoesNotContain(FakeRealtimeServer.Key, line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SessionCap_FakeTime_WarnsThenExpiresNamingTheCapWithoutReconnecting()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
        var updateReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connections = 0;
        await using var server = await FakeRealtimeServer.StartAsync(async (c, ct) =>
        {
            Interlocked.Increment(ref connections);
            await c.SendAsync(SessionCreated, ct);
            await c.ExpectAsync("session.update", ct); // never answered
            updateReceived.TrySetResult();
            await c.DrainUntilClosedAsync(ct);
        });
        await using var client = NewClient(server, o => o.TimeProvider = time);
        await client.ConnectAsync(Ct);
        Assert.Equal(time.GetUtcNow().AddMinutes(60), client.SessionDeadline);
        await client.WaitForAsync<RealtimeSessionCreatedEvent>(cancellationToken: Ct);
        var update = client.UpdateSessionAsync(new RealtimeSessionConfig { Instructions = "late" }, Ct);
        await updateReceived.Task.WaitAsync(Ct);

        time.Advance(TimeSpan.FromMinutes(59));
        var expiring = await client.WaitForAsync<RealtimeSessionExpiringEvent>(cancellationToken: Ct);
        Assert.Equal(TimeSpan.FromMinutes(1), expiring.Remaining);
        Assert.Contains("60-minute cap", expiring.Message, StringComparison.Ordinal);
        Assert.False(update.IsCompleted);

        time.Advance(TimeSpan.FromMinutes(1));
        var pendingEx = await Assert.ThrowsAsync<RealtimeSessionExpiredException>(() => update);
        var sendEx = await Assert.ThrowsAsync<RealtimeSessionExpiredException>(async () => await client.AppendAudioAsync(new byte[480], Ct));
        var seen = new List<RealtimeServerEvent>();
        var readEx = await Assert.ThrowsAsync<RealtimeSessionExpiredException>(async () =>
        {
            await foreach (var evt in client.ReadEventsAsync(Ct))
            {
                seen.Add(evt);
            }
        });

        foreach (var ex in new[] { pendingEx, sendEx, readEx })
        {
            Assert.Contains("60-minute cap", ex.Message, StringComparison.Ordinal);
            Assert.Equal(RealtimeSessionExpiredException.ErrorCode, ex.Code);
        }

        Assert.Contains(seen, e => e is RealtimeSessionExpiredEvent { Cap.TotalMinutes: 60 });
        Assert.False(client.IsConnected);
        await server.AssertScriptSucceededAsync();
        Assert.Equal(1, connections);
    }

    [Fact]
    public async Task ConnectAsync_KeepAlive_IsConfiguredOnTheSocket()
    {
        await using var server = await StartQuietServerAsync();
        (TimeSpan Interval, TimeSpan Timeout)? seen = null;
        await using var client = NewClient(server, o =>
        {
            o.KeepAliveInterval = TimeSpan.FromSeconds(7);
            o.KeepAliveTimeout = TimeSpan.FromSeconds(3);
            o.ConfigureWebSocket = ws => seen = (ws.KeepAliveInterval, ws.KeepAliveTimeout);
        });

        await client.ConnectAsync(Ct);

        Assert.Equal((TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(3)), seen);
    }

    [Fact]
    public async Task UpdateSessionAsync_Cancelled_ThrowsAndTheSessionGoesOn()
    {
        var updateReceived = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var answerNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeRealtimeServer.StartAsync(async (c, ct) =>
        {
            await c.SendAsync(SessionCreated, ct);
            var update = await c.ExpectAsync("session.update", ct);
            updateReceived.TrySetResult((string)update["event_id"]!);
            await answerNow.Task.WaitAsync(ct);
            await c.SendAsync(ToolRound.ServerFrames.First(f => f.Type == "session.updated").Json, ct); // a late answer
            await c.ExpectAsync("conversation.item.create", ct);
            await c.SendAsync("""{"type":"rate_limits.updated","event_id":"event_marker","rate_limits":[]}""", ct);
            await c.DrainUntilClosedAsync(ct);
        });
        await using var client = NewClient(server);
        await client.ConnectAsync(Ct);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var update = client.UpdateSessionAsync(WeatherSession(), cts.Token);
        await updateReceived.Task.WaitAsync(Ct);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => update);
        answerNow.TrySetResult();

        await client.CreateItemAsync(RealtimeMessageItem.UserText("still there?"), cancellationToken: Ct);
        var events = await ReadUntilAsync(client, e => ValueTask.FromResult(e is RealtimeRateLimitsUpdatedEvent));

        Assert.True(client.IsConnected);
        Assert.Contains(events, e => e is RealtimeSessionUpdatedEvent); // the late answer is read like any event
    }

    [Fact]
    public async Task ReadEventsAsync_Cancelled_ThrowsAndAnotherReaderMayStart()
    {
        await using var server = await FakeRealtimeServer.StartAsync(async (c, ct) =>
        {
            await c.SendAsync(SessionCreated, ct);
            while (await c.ReceiveAsync(ct) is not null)
            {
                await c.SendAsync("""{"type":"rate_limits.updated","event_id":"event_marker","rate_limits":[]}""", ct);
            }
        });
        await using var client = NewClient(server);
        await client.ConnectAsync(Ct);
        await client.WaitForAsync<RealtimeSessionCreatedEvent>(cancellationToken: Ct);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var reading = Task.Run(async () =>
        {
            await foreach (var unused in client.ReadEventsAsync(cts.Token))
            {
            }
        }, Ct);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);

        await client.CancelResponseAsync(cancellationToken: Ct);
        var marker = await client.WaitForAsync<RealtimeRateLimitsUpdatedEvent>(cancellationToken: Ct);

        Assert.Equal("event_marker", marker.EventId);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task ReadEventsAsync_SecondReaderAtOnce_Throws()
    {
        await using var server = await StartQuietServerAsync();
        await using var client = NewClient(server);
        await client.ConnectAsync(Ct);
        await using var first = client.ReadEventsAsync(Ct).GetAsyncEnumerator(Ct);
        Assert.True(await first.MoveNextAsync());

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.WaitForAsync<RealtimeResponseDoneEvent>(cancellationToken: Ct));
        Assert.Contains("one reader", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadEventsAsync_MalformedFrames_AreReportedAndTheSessionGoesOn()
    {
        var speech = AudioVad.ServerFrames.First(f => f.Type == "input_audio_buffer.speech_started").Json;
        await using var server = await FakeRealtimeServer.StartAsync(async (c, ct) =>
        {
            await c.SendAsync(SessionCreated, ct);
            await c.SendAsync("this is not json", ct);
            await c.SendFrameAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, ct);

            // One event over three frames.
            var bytes = Encoding.UTF8.GetBytes(speech);
            await c.SendFrameAsync(bytes.AsMemory(0, 10), WebSocketMessageType.Text, false, ct);
            await c.SendFrameAsync(bytes.AsMemory(10, 30), WebSocketMessageType.Text, false, ct);
            await c.SendFrameAsync(bytes.AsMemory(40), WebSocketMessageType.Text, true, ct);

            await c.SendAsync("""{"type":"input_audio_buffer.speech_started","event_id":"e","audio_start_ms":"soon","item_id":"i"}""", ct);
            await c.SendAsync("""{"type":"rate_limits.updated","event_id":"event_marker","rate_limits":[]}""", ct);
            await c.ExpectAsync("session.update", ct);
            await c.SendAsync(ToolRound.ServerFrames.First(f => f.Type == "session.updated").Json, ct);
            await c.DrainUntilClosedAsync(ct);
        });
        await using var client = NewClient(server);
        await client.ConnectAsync(Ct);

        var events = await ReadUntilAsync(client, e => ValueTask.FromResult(e is RealtimeRateLimitsUpdatedEvent));

        Assert.Collection(
            events,
            e => Assert.IsType<RealtimeSessionCreatedEvent>(e),
            e => Assert.Contains("is an invalid JSON literal", Assert.IsType<RealtimeMalformedFrameEvent>(e).Message, StringComparison.Ordinal),
            e => Assert.Contains("binary message of 3 bytes", Assert.IsType<RealtimeMalformedFrameEvent>(e).Message, StringComparison.Ordinal),
            e => Assert.Equal(1460, Assert.IsType<RealtimeInputAudioBufferSpeechStartedEvent>(e).AudioStartMs),
            e => Assert.Contains("audio_start_ms", Assert.IsType<RealtimeMalformedFrameEvent>(e).Message, StringComparison.Ordinal),
            e => Assert.IsType<RealtimeRateLimitsUpdatedEvent>(e));
        Assert.Equal("this is not json", ((RealtimeMalformedFrameEvent)events[1]).Frame);
        Assert.StartsWith(RealtimeLocalEvent.TypePrefix, events[1].Type, StringComparison.Ordinal);
        Assert.NotNull(await client.UpdateSessionAsync(new RealtimeSessionConfig(), Ct));
    }

    [Fact]
    public async Task ReadEventsAsync_OversizedMessage_IsReportedAndSkipped()
    {
        var big = $$"""{"type":"response.output_text.delta","event_id":"e","response_id":"r","item_id":"i","output_index":0,"content_index":0,"delta":"{{new string('x', 150_000)}}"}""";
        await using var server = await FakeRealtimeServer.StartAsync(async (c, ct) =>
        {
            await c.SendAsync(SessionCreated, ct);
            await c.SendAsync(big, ct);
            await c.SendAsync("""{"type":"rate_limits.updated","event_id":"event_marker","rate_limits":[]}""", ct);
            await c.DrainUntilClosedAsync(ct);
        });
        await using var client = NewClient(server, o => o.MaxIncomingMessageBytes = 100_000);
        await client.ConnectAsync(Ct);

        var events = await ReadUntilAsync(client, e => ValueTask.FromResult(e is RealtimeRateLimitsUpdatedEvent));

        var malformed = Assert.IsType<RealtimeMalformedFrameEvent>(events[1]);
        Assert.Contains("MaxIncomingMessageBytes (100000)", malformed.Message, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetByteCount(big), malformed.ByteCount);
        Assert.StartsWith("""{"type":"response.output_text.delta""", malformed.Frame, StringComparison.Ordinal);
        Assert.IsType<RealtimeRateLimitsUpdatedEvent>(events[2]);
    }

    [Fact]
    public async Task ReadEventsAsync_ServerClosesWithAnError_ThrowsAfterTheBufferedEventsAndFailsWaitingOperations()
    {
        await using var server = await FakeRealtimeServer.StartAsync(async (c, ct) =>
        {
            await c.SendAsync(SessionCreated, ct);
            await c.ExpectAsync("session.update", ct);
            await c.CloseAsync(WebSocketCloseStatus.InternalServerError, "boom", ct);
            await c.DrainUntilClosedAsync(ct);
        });
        await using var client = NewClient(server);
        await client.ConnectAsync(Ct);

        var updateEx = await Assert.ThrowsAsync<RealtimeConnectionException>(() => client.UpdateSessionAsync(new RealtimeSessionConfig(), Ct));
        var seen = new List<RealtimeServerEvent>();
        var readEx = await Assert.ThrowsAsync<RealtimeConnectionException>(async () =>
        {
            await foreach (var evt in client.ReadEventsAsync(Ct))
            {
                seen.Add(evt);
            }
        });

        Assert.IsType<RealtimeSessionCreatedEvent>(Assert.Single(seen));
        Assert.Equal(WebSocketCloseStatus.InternalServerError, readEx.CloseStatus);
        Assert.Contains("boom", readEx.Message, StringComparison.Ordinal);
        Assert.Contains("boom", updateEx.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RealtimeConnectionException>(async () => await client.AppendAudioAsync(new byte[2], Ct));
    }

    [Fact]
    public async Task CloseAsync_Normally_EndsTheStreamWithoutError()
    {
        await using var server = await StartQuietServerAsync();
        await using var client = NewClient(server);
        await client.ConnectAsync(Ct);

        await client.CloseAsync(Ct);
        var seen = new List<RealtimeServerEvent>();
        await foreach (var evt in client.ReadEventsAsync(Ct))
        {
            seen.Add(evt);
        }

        Assert.IsType<RealtimeSessionCreatedEvent>(Assert.Single(seen));
        Assert.False(client.IsConnected);
    }

    /// <summary>The sequence with each run of equal neighbours collapsed to one.</summary>
    private static List<string> Runs(IEnumerable<string> types)
    {
        var runs = new List<string>();
        foreach (var type in types)
        {
            if (runs.Count == 0 || runs[^1] != type)
            {
                runs.Add(type);
            }
        }

        return runs;
    }

    /// <summary>Reads events until <paramref name="stop"/> says so; returns them all, the last one included.</summary>
    private async Task<List<RealtimeServerEvent>> ReadUntilAsync(RealtimeClient client, Func<RealtimeServerEvent, ValueTask<bool>> stop)
    {
        var events = new List<RealtimeServerEvent>();
        await foreach (var evt in client.ReadEventsAsync(Ct))
        {
            events.Add(evt);
            if (await stop(evt))
            {
                return events;
            }
        }

        throw new InvalidOperationException("The stream ended first: " + string.Join(", ", events.Select(e => e.Type)));
    }
}
