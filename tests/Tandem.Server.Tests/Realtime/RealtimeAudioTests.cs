using System.Text.Json.Nodes;
using Tandem.Server.Tests.Realtime.Support;
using Tandem.Voice.Audio;
using static Tandem.Server.Tests.Realtime.Support.RealtimeEvents;

namespace Tandem.Server.Tests.Realtime;

/// <summary>The input audio buffer: manual commits, server VAD turns, G.711 input, transcription, and the buffer's errors.</summary>
public sealed class RealtimeAudioTests
{
    private const string PhoneTranscript = "my number is four one five five five five oh one two three";

    private static JsonObject PhoneSession() => new()
    {
        ["instructions"] = "Ask for the caller's phone number and capture it with the tool.",
        ["output_modalities"] = new JsonArray("text"),
        ["tools"] = new JsonArray(Tool("capture", "Records what the caller said.", new JsonObject { ["value"] = new JsonObject { ["type"] = "string" } }, "value")),
        ["audio"] = new JsonObject
        {
            ["input"] = new JsonObject
            {
                ["turn_detection"] = null,
                ["transcription"] = new JsonObject { ["model"] = "gpt-4o-transcribe" },
            },
        },
    };

    [Fact]
    public async Task Commit_ManualTurnWithTranscription_CommitsTranscribesAndTheCallCarriesTheNormalisedNumber()
    {
        var recognizer = new FakeRecognizer(PhoneTranscript);
        await using var server = await RealtimeTestServer.StartAsync(recognizer);
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;
        await client.SendAsync(SessionUpdate(PhoneSession()));
        await client.ExpectAsync("session.updated");

        await client.AppendAsync(TestSignals.Frames(TestSignals.Tone(600)));
        await client.SendAsync(Commit());
        var committed = await client.ExpectAsync("input_audio_buffer.committed");
        var added = await client.ExpectAsync("conversation.item.added");
        var done = await client.ExpectAsync("conversation.item.done");
        var transcription = await client.ReceiveUntilAsync("conversation.item.input_audio_transcription.completed");

        var itemId = (string)committed["item_id"]!;
        Assert.True(committed.ContainsKey("previous_item_id") && committed["previous_item_id"] is null);
        Assert.Equal(itemId, (string?)added["item"]!["id"]);
        Assert.Equal("{\"type\":\"message\",\"status\":\"completed\",\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"transcript\":null}]}",
            WithoutId(added["item"]!));
        Assert.Equal(added["item"]!.ToJsonString(), done["item"]!.ToJsonString());
        var deltas = transcription.Where(e => Type(e) == "conversation.item.input_audio_transcription.delta").ToList();
        Assert.Equal(PhoneTranscript.Split(' ').Length, deltas.Count);
        Assert.Equal(PhoneTranscript, string.Concat(deltas.Select(d => (string?)d["delta"])));
        var completed = transcription[^1];
        Assert.Equal(itemId, (string?)completed["item_id"]);
        Assert.Equal(0, (int)completed["content_index"]!);
        Assert.Equal(PhoneTranscript, (string?)completed["transcript"]);
        Assert.Equal("{\"type\":\"duration\",\"seconds\":1}", completed["usage"]!.ToJsonString());

        // The recogniser got the committed audio as 24 kHz samples; heard once, shared by the transcription and the response.
        await client.SendAsync(ResponseCreate());
        var response = await client.ReceiveUntilAsync("response.done");
        var call = response.Single(e => Type(e) == "response.function_call_arguments.done");
        Assert.Equal("capture", (string?)call["name"]);
        Assert.Equal("{\"value\":\"+14155550123\"}", (string?)call["arguments"]);
        var heard = Assert.Single(recognizer.Calls);
        Assert.Equal((24000 * 600 / 1000, 24000), (heard.Audio.Length, heard.SampleRate));
    }

    [Fact]
    public async Task Commit_FailingRecognizer_SendsTranscriptionFailedAndTheResponseStillEnds()
    {
        var recognizer = new FakeRecognizer(PhoneTranscript) { Failure = new InvalidOperationException("decoder exploded") };
        await using var server = await RealtimeTestServer.StartAsync(recognizer);
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;
        await client.SendAsync(SessionUpdate(PhoneSession()));
        await client.ExpectAsync("session.updated");

        await client.AppendAsync(TestSignals.Frames(TestSignals.Tone(300)));
        await client.SendAsync(Commit());
        var events = await client.ReceiveUntilAsync("conversation.item.input_audio_transcription.failed");
        await client.SendAsync(ResponseCreate());
        var response = await client.ReceiveUntilAsync("response.done");

        var failed = events[^1];
        Assert.Equal((string?)events[0]["item_id"], (string?)failed["item_id"]);
        Assert.Equal("transcription_error", (string?)failed["error"]!["type"]);
        Assert.Contains("decoder exploded", (string?)failed["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal("completed", (string?)response[^1]["response"]!["status"]);
        Assert.Equal("Sorry, I didn't catch that.", (string?)response.Single(e => Type(e) == "response.output_text.done")["text"]);
    }

    [Fact]
    public async Task ServerVad_SilenceToneSilence_DetectsTheTurnCommitsItAndResponds()
    {
        var recognizer = new FakeRecognizer("five five five one two three four");
        await using var server = await RealtimeTestServer.StartAsync(recognizer);
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;
        await client.SendAsync(SessionUpdate(new JsonObject { ["output_modalities"] = new JsonArray("text") }));
        await client.ExpectAsync("session.updated");

        await client.AppendAsync(TestSignals.Frames(TestSignals.Concat(TestSignals.Silence(1000), TestSignals.Tone(800), TestSignals.Silence(1000)), frameMs: 40));
        var events = await client.ReceiveUntilAsync("response.done");

        Assert.Equal(
            ["input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped", "input_audio_buffer.committed", "conversation.item.added", "conversation.item.done", "response.created"],
            Types(events).Take(6));
        var started = events[0];
        var stopped = events[1];
        var itemId = (string)started["item_id"]!;

        // Speech from 1000 ms, less the 300 ms prefix padding; stopped after 500 ms of silence past 1800 ms.
        Assert.Equal(700, (int)started["audio_start_ms"]!);
        Assert.InRange((int)stopped["audio_end_ms"]!, 2300, 2320);
        Assert.Equal(itemId, (string?)stopped["item_id"]);
        Assert.Equal(itemId, (string?)events[2]["item_id"]);
        Assert.Equal("You said: five five five one two three four.", (string?)events.Single(e => Type(e) == "response.output_text.done")["text"]);
        Assert.True(recognizer.Calls.TryPeek(out var heard));
        Assert.InRange(heard.Audio.Length, 24 * 1600, 24 * 1620);
        Assert.DoesNotContain(events, e => Type(e)!.StartsWith("conversation.item.input_audio_transcription", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerVad_TwoTurns_SecondTurnsTimesCountFromTheSessionStart()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("yes"));
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;
        await client.SendAsync(SessionUpdate(new JsonObject
        {
            ["output_modalities"] = new JsonArray("text"),
            ["audio"] = new JsonObject { ["input"] = new JsonObject { ["turn_detection"] = new JsonObject { ["type"] = "server_vad", ["create_response"] = false } } },
        }));
        await client.ExpectAsync("session.updated");

        var turn = TestSignals.Concat(TestSignals.Silence(500), TestSignals.Tone(400), TestSignals.Silence(700));
        await client.AppendAsync(TestSignals.Frames(TestSignals.Concat(turn, turn)));
        var first = await client.ReceiveUntilAsync("conversation.item.done");
        var second = await client.ReceiveUntilAsync("conversation.item.done");

        Assert.Equal(200, (int)first[0]["audio_start_ms"]!);
        Assert.Equal(1600 + 200, (int)second[0]["audio_start_ms"]!);
        Assert.Equal((string?)first[2]["item_id"], (string?)second[2]["previous_item_id"]);
        Assert.DoesNotContain(first.Concat(second), e => Type(e) == "response.created");
    }

    [Fact]
    public async Task ServerVad_SpeechDuringAReply_CancelsItAndAnswersTheNewTurn()
    {
        var recognizer = new FakeRecognizer("yes");
        await using var server = await RealtimeTestServer.StartAsync(recognizer);
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;
        await client.SendAsync(SessionUpdate(new JsonObject { ["output_modalities"] = new JsonArray("text") }));
        await client.ExpectAsync("session.updated");
        var turn = TestSignals.Concat(TestSignals.Silence(500), TestSignals.Tone(400), TestSignals.Silence(700));

        // The first reply waits for the (held) recogniser, so it is still running when the caller speaks again.
        recognizer.Hold();
        await client.AppendAsync(TestSignals.Frames(turn));
        var first = await client.ReceiveUntilAsync("response.created");
        await client.AppendAsync(TestSignals.Frames(turn));
        var interrupted = await client.ReceiveUntilAsync(e => Type(e) == "response.done");
        var next = await client.ReceiveUntilAsync("response.created");
        recognizer.Release();
        var answered = await client.ReceiveUntilAsync("response.done");

        var cancelled = interrupted[^1]["response"]!;
        Assert.Equal((string?)first[^1]["response"]!["id"], (string?)cancelled["id"]);
        Assert.Equal("cancelled", (string?)cancelled["status"]);
        Assert.Equal("turn_detected", (string?)cancelled["status_details"]!["reason"]);
        Assert.Equal("input_audio_buffer.speech_started", Type(interrupted[0]));
        Assert.Contains(interrupted.Concat(next), e => Type(e) == "input_audio_buffer.committed");
        Assert.NotEqual((string?)cancelled["id"], (string?)next[^1]["response"]!["id"]);
        Assert.Equal("completed", (string?)answered[^1]["response"]!["status"]);
        Assert.Equal("You said: yes.", (string?)answered.Single(e => Type(e) == "response.output_text.done")["text"]);
    }

    [Fact]
    public async Task Append_PcmuAudio_IsDecodedAndResampledTo24kHz()
    {
        var recognizer = new FakeRecognizer("hello");
        await using var server = await RealtimeTestServer.StartAsync(recognizer);
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;
        await client.SendAsync(ManualTurns(new JsonObject { ["output_modalities"] = new JsonArray("text") }));
        await client.ExpectAsync("session.updated");
        await client.SendAsync(SessionUpdate(new JsonObject { ["audio"] = new JsonObject { ["input"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "audio/pcmu" } } } }));
        await client.ExpectAsync("session.updated");

        var tone = TestSignals.Tone(500, hz: 440, rate: 8000);
        await client.AppendAsync(G711.ToBase64Frames(G711.EncodeMuLaw(tone), 20));
        await client.SendAsync(Commit());
        await client.ExpectAsync("input_audio_buffer.committed");
        await client.SendAsync(ResponseCreate());
        await client.ReceiveUntilAsync("response.done");

        Assert.True(recognizer.Calls.TryPeek(out var heard));
        Assert.Equal(24000, heard.SampleRate);
        Assert.Equal(24000 / 2, heard.Audio.Length);
        Assert.InRange(TestSignals.ZeroCrossingHz(heard.Audio), 420, 460);
    }

    [Fact]
    public async Task Commit_EmptyOrShortBuffer_FailsWithCommitEmptyAndKeepsTheSessionOpen()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;
        await client.SendAsync(ManualTurns());
        await client.ExpectAsync("session.updated");

        await client.SendAsync(new JsonObject { ["type"] = "input_audio_buffer.commit", ["event_id"] = "evt_commit_1" });
        var empty = await client.ExpectAsync("error");
        await client.AppendAsync(TestSignals.Frames(TestSignals.Tone(50)));
        await client.SendAsync(Commit());
        var shortBuffer = await client.ExpectAsync("error");
        await client.AppendAsync(TestSignals.Frames(TestSignals.Tone(60)));
        await client.SendAsync(Commit());
        var committed = await client.ExpectAsync("input_audio_buffer.committed");

        Assert.Equal("input_audio_buffer_commit_empty", (string?)empty["error"]!["code"]);
        Assert.Equal("evt_commit_1", (string?)empty["error"]!["event_id"]);
        Assert.Equal("Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has 0.00ms of audio.",
            (string?)empty["error"]!["message"]);
        Assert.Contains("50.00ms", (string?)shortBuffer["error"]!["message"], StringComparison.Ordinal);
        Assert.NotNull(committed["item_id"]);
    }

    [Fact]
    public async Task Clear_AfterAppend_EmptiesTheBuffer()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;
        await client.SendAsync(ManualTurns());
        await client.ExpectAsync("session.updated");

        await client.AppendAsync(TestSignals.Frames(TestSignals.Tone(500)));
        await client.SendAsync(new JsonObject { ["type"] = "input_audio_buffer.clear" });
        await client.ExpectAsync("input_audio_buffer.cleared");
        await client.SendAsync(Commit());

        Assert.Equal("input_audio_buffer_commit_empty", (string?)(await client.ExpectAsync("error"))["error"]!["code"]);
    }

    [Theory]
    [InlineData("not base64 at all!", "not valid base64")]
    [InlineData("AAAB", "even number of bytes")]
    public async Task Append_BadAudio_ErrorNamesTheAudioField(string audio, string expected)
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;

        await client.SendAsync(new JsonObject { ["type"] = "input_audio_buffer.append", ["audio"] = audio, ["event_id"] = "evt_append_7" });
        var error = (await client.ExpectAsync("error"))["error"]!;

        Assert.Equal("invalid_value", (string?)error["code"]);
        Assert.Equal("audio", (string?)error["param"]);
        Assert.Equal("evt_append_7", (string?)error["event_id"]);
        Assert.Contains(expected, (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_BeyondTheBufferLimit_IsRefused()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"), o => o.Realtime.MaxAudioBufferBytes = 48_000);
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;
        await client.SendAsync(ManualTurns());
        await client.ExpectAsync("session.updated");

        await client.AppendAsync(TestSignals.Frames(TestSignals.Tone(1000), frameMs: 1000));
        await client.AppendAsync(TestSignals.Frames(TestSignals.Tone(20), frameMs: 20));
        var error = (await client.ExpectAsync("error"))["error"]!;
        await client.SendAsync(Commit());

        Assert.Equal("input_audio_buffer_full", (string?)error["code"]);
        Assert.NotNull((await client.ExpectAsync("input_audio_buffer.committed"))["item_id"]);
    }

    private static string WithoutId(JsonNode item)
    {
        var copy = item.DeepClone().AsObject();
        copy.Remove("id");
        return copy.ToJsonString();
    }
}
