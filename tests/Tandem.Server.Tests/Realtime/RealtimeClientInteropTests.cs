using Tandem.Server.Tests.Realtime.Support;
using Tandem.Server.Tests.Support;
using Tandem.Voice.Audio;
using Tandem.Voice.Realtime;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Server.Tests.Realtime;

/// <summary>Tandem's own <see cref="RealtimeClient"/> against the local endpoint: the same code a voice agent runs against OpenAI.</summary>
public sealed class RealtimeClientInteropTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RealtimeClient_AudioTurnWithToolRound_CapturesTheNumberAndGetsTheThanks()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("my number is four one five five five five oh one two three"));
        await using var client = new RealtimeClient(new RealtimeClientOptions
        {
            BaseUrl = server.Host.RealtimeUri,
            Model = "sphinx-alnum",
            ApiKey = TestServer.KeyA,
        });
        await client.ConnectAsync(Ct);
        var session = await client.UpdateSessionAsync(new RealtimeSessionConfig
        {
            Instructions = "Collect the caller's phone number with the tool.",
            OutputModalities = ["text"],
            Tools = [RealtimeTool.Function("capture", "Records the value.", """{"type":"object","properties":{"value":{"type":"string"}},"required":["value"]}""")],
            Audio = new RealtimeAudioConfig { Input = new RealtimeAudioInputConfig().DisableTurnDetection() },
        }, Ct);
        Assert.Equal("sphinx-alnum", session.Model);
        Assert.Null(session.Audio!.Input!.TurnDetection);

        using var audio = new MemoryStream(Pcm16.ToBytes(TestSignals.Tone(400)));
        var sent = await client.StreamAudioAsync(audio, new AudioStreamOptions { Pacing = AudioPacing.AsFastAsPossible }, Ct);
        var committed = await client.CommitAudioAsync(Ct);
        await client.CreateResponseAsync(cancellationToken: Ct);

        var captured = new List<RealtimeFunctionCall>();
        string? answer = null;
        var responses = 0;
        await foreach (var evt in client.ReadEventsAsync(Ct))
        {
            captured.AddRange(await client.HandleFunctionCallsAsync(evt, (call, _) => ValueTask.FromResult("Saved."), cancellationToken: Ct));
            if (evt is RealtimeResponseOutputTextDoneEvent text)
            {
                answer = text.Text;
            }

            if (evt is RealtimeResponseDoneEvent && ++responses == 2)
            {
                break;
            }
        }

        Assert.Equal(TimeSpan.FromMilliseconds(400), sent);
        Assert.StartsWith("item_", committed.ItemId, StringComparison.Ordinal);
        var call = Assert.Single(captured);
        Assert.Equal("capture", call.Name);
        Assert.Equal("+14155550123", call.ParseArguments().GetProperty("value").GetString());
        Assert.Equal("Thanks. Saved.", answer);
    }
}
