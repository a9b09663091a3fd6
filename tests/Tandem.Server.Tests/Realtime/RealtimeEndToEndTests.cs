using System.Text.Json;
using System.Text.Json.Nodes;
using Tandem.Server.Tests.Realtime.Support;
using Tandem.Voice.Audio;
using Tandem.Voice.Corpus;
using Tandem.Voice.Recognition;
using static Tandem.Server.Tests.Realtime.Support.RealtimeEvents;

namespace Tandem.Server.Tests.Realtime;

/// <summary>
/// The real thing, offline: espeak-ng speaks digits, the endpoint hears them with PocketSphinx and
/// calls the tool with the number; audio replies are spoken by espeak-ng. Skipped (with the reason)
/// where pocketsphinx or espeak-ng is not installed.
/// </summary>
public sealed class RealtimeEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SpokenDigits_ManualCommit_TranscribedAndCapturedByTheToolCall()
    {
        var speech = await SpeakAsync("five five five one two three four");
        await using var server = await RealtimeTestServer.StartAsync(recognizer: null);
        var (client, _) = await server.ConnectAsync(RecognizerProfiles.SphinxAlnumName);
        await using var __ = client;
        await client.SendAsync(SessionUpdate(new JsonObject
        {
            ["instructions"] = "Ask for the caller's phone number, then capture it.",
            ["output_modalities"] = new JsonArray("text"),
            ["tools"] = new JsonArray(Tool("capture", "Records the value.", new JsonObject { ["value"] = new JsonObject { ["type"] = "string" } }, "value")),
            ["audio"] = new JsonObject
            {
                ["input"] = new JsonObject { ["turn_detection"] = null, ["transcription"] = new JsonObject { ["model"] = "gpt-4o-transcribe" } },
            },
        }));
        await client.ExpectAsync("session.updated");

        await client.AppendAsync(TestSignals.Frames(speech, frameMs: 100));
        await client.SendAsync(Commit());
        await client.SendAsync(ResponseCreate());
        var events = await client.ReceiveUntilAsync("response.done");
        while (!client.Received.Any(e => Type(e)!.StartsWith("conversation.item.input_audio_transcription.", StringComparison.Ordinal) && !Type(e)!.EndsWith(".delta", StringComparison.Ordinal)))
        {
            await client.ReceiveAsync();
        }

        var transcription = client.Received.Last(e => Type(e)!.StartsWith("conversation.item.input_audio_transcription.", StringComparison.Ordinal));
        Assert.Equal("conversation.item.input_audio_transcription.completed", Type(transcription));
        var transcript = (string)transcription["transcript"]!;
        Assert.False(string.IsNullOrWhiteSpace(transcript));
        var call = events.Single(e => Type(e) == "response.function_call_arguments.done");
        Assert.Equal("capture", (string?)call["name"]);
        var value = JsonDocument.Parse((string)call["arguments"]!).RootElement.GetProperty("value").GetString();
        TestContext.Current.TestOutputHelper?.WriteLine($"heard '{transcript}', captured '{value}'");
        Assert.False(string.IsNullOrEmpty(value));

        // The tool gets the number, not the words: the normaliser turned the digits heard into digits.
        Assert.Matches("^\\+?[0-9]+$", value);
        Assert.Contains("555", value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AudioReply_EspeakInstalled_IsRealSpeech()
    {
        await RequireAsync(SpeechTool.EspeakNg);
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("unused"), speak: true);
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;
        await client.SendAsync(ManualTurns(new JsonObject { ["output_modalities"] = new JsonArray("audio") }));
        await client.ExpectAsync("session.updated");

        await client.SendAsync(UserText("one two three"));
        await client.SendAsync(ResponseCreate());
        var events = await client.ReceiveUntilAsync("response.done");

        var audio = Pcm16.FromBytes([.. events.Where(e => Type(e) == "response.output_audio.delta").SelectMany(e => Convert.FromBase64String((string)e["delta"]!))]);
        Assert.InRange(audio.Length / 24000.0, 0.5, 10);
        var rms = Math.Sqrt(audio.Average(s => (double)s * s));
        Assert.True(rms > 300, $"The reply should be speech, not silence (RMS {rms:0}).");
    }

    private static async Task<short[]> SpeakAsync(string text)
    {
        if (!PocketSphinxRecognizer.IsAvailable(out var reason))
        {
            Assert.Skip("pocketsphinx is not installed: " + reason);
        }

        var espeak = await RequireAsync(SpeechTool.EspeakNg);
        var wav = Path.Combine(Path.GetTempPath(), $"tandem-rt-e2e-{Guid.NewGuid():N}.wav");
        try
        {
            // The Klatt variant: PocketSphinx hears espeak-ng's plain en-us voice too unreliably for an exact
            // assertion (with the grammar's spelling words, "five five five" came out as "kite kite kite").
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(espeak, ["-v", "en-us+klatt", "-w", wav, text]) { UseShellExecute = false })!;
            await process.WaitForExitAsync(Ct);
            Assert.Equal(0, process.ExitCode);

            // Silence around the words, as a caller's line would have.
            return TestSignals.Concat(TestSignals.Silence(300), Pcm16.ReadWav(wav, 24000), TestSignals.Silence(300));
        }
        finally
        {
            File.Delete(wav);
        }
    }

    private static async Task<string> RequireAsync(SpeechTool tool)
    {
        var tools = await SpeechTools.ProbeAsync(Ct);
        if (tools.MissingReason(tool) is { } missing)
        {
            Assert.Skip(missing);
        }

        return tools[tool].Path!;
    }
}
