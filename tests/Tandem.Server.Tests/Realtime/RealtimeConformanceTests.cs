using System.Text.Json.Nodes;
using Tandem.Server.Tests.Realtime.Support;

namespace Tandem.Server.Tests.Realtime;

/// <summary>
/// The local endpoint against OpenAI's recorded sessions: the recorded client events are replayed
/// (ids and audio substituted), and the server events must come in the same order with the same
/// JSON key paths per event type (values aside). See <see cref="EventShape"/> for the comparison
/// rules and <see cref="RecordedDriver"/> for when each client event is sent.
/// </summary>
public sealed class RealtimeConformanceTests
{
    [Fact]
    public async Task ToolCallRound_LocalEventsMatchTheRecording()
    {
        var (recorded, local) = await ReplayAsync("realtime-openai-tool-call-round", new FakeRecognizer("unused"), audio: null);

        AssertSameShape(recorded, local);
    }

    [Fact]
    public async Task SidebandTextTurn_LocalEventsMatchTheRecording()
    {
        var (recorded, local) = await ReplayAsync("realtime-openai-sideband-text-turn", new FakeRecognizer("unused"), audio: null);

        AssertSameShape(recorded, local);
    }

    [Fact]
    public async Task AudioInServerVad_LocalEventsMatchTheRecording()
    {
        // The recording's appends keep only a 32-byte prefix each; a tone burst between silences stands in for the speech.
        var speech = TestSignals.Concat(TestSignals.Silence(600), TestSignals.Tone(900), TestSignals.Silence(900));
        var (recorded, local) = await ReplayAsync("realtime-openai-audio-in-server-vad", new FakeRecognizer("hello my name is marcelo"), speech);

        AssertSameShape(recorded, local);
        Assert.Contains(EventShape.AudioDeltaRun, EventShape.MainSequence(local));
        Assert.Equal(["conversation.item.input_audio_transcription.delta", "conversation.item.input_audio_transcription.completed"], EventShape.TranscriptionSequence(local));
    }

    private static async Task<(List<JsonObject> Recorded, List<JsonObject> Local)> ReplayAsync(string folder, FakeRecognizer recognizer, short[]? audio)
    {
        var frames = RecordedSessions.Load(folder);
        await using var server = await RealtimeTestServer.StartAsync(recognizer);
        await using var client = await server.OpenAsync("sphinx-lm", Tandem.Server.Tests.Support.TestServer.KeyA);
        var local = await RecordedDriver.RunAsync(frames, client, audio);
        var recorded = frames.Where(f => f.IsServer).Select(f => f.Event).ToList();

        // A WebRTC sideband sees no session.created; a WebSocket connection always starts with one.
        if (recorded.Count > 0 && (string?)recorded[0]["type"] != "session.created")
        {
            local.RemoveAll(e => (string?)e["type"] == "session.created");
        }

        return (recorded, local);
    }

    private static void AssertSameShape(List<JsonObject> recorded, List<JsonObject> local)
    {
        Assert.Equal(EventShape.MainSequence(recorded), EventShape.MainSequence(local));
        Assert.Equal(EventShape.TranscriptionSequence(recorded), EventShape.TranscriptionSequence(local));

        var expected = EventShape.KeyPathsByType(recorded);
        var actual = EventShape.KeyPathsByType(local);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (type, paths) in expected)
        {
            Assert.True(paths.SetEquals(actual[type]),
                $"{type}: missing [{string.Join(", ", paths.Except(actual[type]))}], extra [{string.Join(", ", actual[type].Except(paths))}]");
        }
    }
}
