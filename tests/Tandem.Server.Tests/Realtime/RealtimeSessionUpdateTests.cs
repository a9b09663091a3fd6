using System.Text.Json.Nodes;
using Tandem.Server.Tests.Realtime.Support;
using static Tandem.Server.Tests.Realtime.Support.RealtimeEvents;

namespace Tandem.Server.Tests.Realtime;

/// <summary>session.update: a partial merge, explicit nulls turning things off, and refusals that name the field and leave the session as it was.</summary>
public sealed class RealtimeSessionUpdateTests
{
    [Fact]
    public async Task Update_PartialFields_MergesIntoTheEffectiveSession()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));
        var (client, created) = await server.ConnectAsync();
        await using var _ = client;

        await client.SendAsync(SessionUpdate(new JsonObject { ["instructions"] = "Collect the caller's phone number.", ["output_modalities"] = new JsonArray("text") }));
        var first = (await client.ExpectAsync("session.updated"))["session"]!.AsObject();
        await client.SendAsync(SessionUpdate(new JsonObject
        {
            ["audio"] = new JsonObject { ["input"] = new JsonObject { ["turn_detection"] = new JsonObject { ["type"] = "server_vad", ["silence_duration_ms"] = 1200 } } },
        }));
        var second = (await client.ExpectAsync("session.updated"))["session"]!.AsObject();

        Assert.Equal("Collect the caller's phone number.", (string?)first["instructions"]);
        Assert.Equal("Collect the caller's phone number.", (string?)second["instructions"]);
        Assert.Equal("[\"text\"]", second["output_modalities"]!.ToJsonString());
        var vad = second["audio"]!["input"]!["turn_detection"]!;
        Assert.Equal(1200, (int)vad["silence_duration_ms"]!);
        Assert.Equal(300, (int)vad["prefix_padding_ms"]!);
        Assert.Equal(0.5, (double)vad["threshold"]!);
        Assert.Equal(created["session"]!["id"]!.ToJsonString(), second["id"]!.ToJsonString());
        Assert.Equal(created["session"]!["expires_at"]!.ToJsonString(), second["expires_at"]!.ToJsonString());
    }

    [Fact]
    public async Task Update_ExplicitNullTurnDetection_TurnsVadOffAndAnAbsentOneLeavesItOff()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;

        await client.SendAsync(ManualTurns());
        var off = (await client.ExpectAsync("session.updated"))["session"]!["audio"]!["input"]!.AsObject();
        await client.SendAsync(SessionUpdate(new JsonObject { ["instructions"] = "Still manual." }));
        var still = (await client.ExpectAsync("session.updated"))["session"]!["audio"]!["input"]!.AsObject();

        Assert.True(off.ContainsKey("turn_detection") && off["turn_detection"] is null, off.ToJsonString());
        Assert.True(still.ContainsKey("turn_detection") && still["turn_detection"] is null, still.ToJsonString());
    }

    [Fact]
    public async Task Update_TranscriptionWithAnOpenAiModel_IsEchoedWithExplicitNulls()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;

        await client.SendAsync(SessionUpdate(new JsonObject
        {
            ["audio"] = new JsonObject { ["input"] = new JsonObject { ["transcription"] = new JsonObject { ["model"] = "gpt-4o-transcribe" } } },
        }));
        var transcription = (await client.ExpectAsync("session.updated"))["session"]!["audio"]!["input"]!["transcription"]!;

        Assert.Equal("{\"model\":\"gpt-4o-transcribe\",\"language\":null,\"prompt\":null}", transcription.ToJsonString());
    }

    [Theory]
    [InlineData("{\"audio\":{\"input\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":16000}}}}", "session.audio.input.format.rate", "invalid_value")]
    [InlineData("{\"audio\":{\"input\":{\"format\":{\"type\":\"audio/wav\"}}}}", "session.audio.input.format.type", "invalid_value")]
    [InlineData("{\"audio\":{\"output\":{\"format\":{\"type\":\"audio/pcmu\",\"rate\":24000}}}}", "session.audio.output.format.rate", "invalid_value")]
    [InlineData("{\"type\":\"transcription\"}", "session.type", "invalid_value")]
    [InlineData("{\"output_modalities\":[\"video\"]}", "session.output_modalities[0]", "invalid_value")]
    [InlineData("{\"audio\":{\"input\":{\"turn_detection\":{\"type\":\"server_vad\",\"threshold\":1.5}}}}", "session.audio.input.turn_detection.threshold", "invalid_value")]
    [InlineData("{\"audio\":{\"output\":{\"speed\":3}}}", "session.audio.output.speed", "invalid_value")]
    [InlineData("{\"tools\":[{\"type\":\"mcp\",\"server_label\":\"x\"}]}", "session.tools[0].type", "invalid_value")]
    [InlineData("{\"model\":\"gpt-realtime\"}", "session.model", "invalid_value")]
    [InlineData("{\"voice\":\"alloy\"}", "session.voice", "unknown_parameter")]
    [InlineData("{\"audio\":{\"input\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":\"fast\"}}}}", "session.audio.input.format.rate", "invalid_type")]
    public async Task Update_InvalidValue_ErrorNamesTheFieldAndEventAndTheSessionIsUnchanged(string sessionJson, string param, string code)
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));
        var (client, created) = await server.ConnectAsync();
        await using var _ = client;
        var session = JsonNode.Parse(sessionJson)!.AsObject();
        session["instructions"] = "This must not stick.";

        await client.SendAsync(SessionUpdate(session, eventId: "evt_bad_update_1"));
        var error = await client.ExpectAsync("error");
        await client.SendAsync(SessionUpdate([]));
        var after = (await client.ExpectAsync("session.updated"))["session"]!.AsObject();

        Assert.StartsWith("event_", (string?)error["event_id"], StringComparison.Ordinal);
        var detail = error["error"]!.AsObject();
        Assert.Equal("invalid_request_error", (string?)detail["type"]);
        Assert.Equal(code, (string?)detail["code"]);
        Assert.Equal(param, (string?)detail["param"]);
        Assert.Equal("evt_bad_update_1", (string?)detail["event_id"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)detail["message"]));
        Assert.True(JsonNode.DeepEquals(created["session"], after), $"{created["session"]!.ToJsonString()}\n{after.ToJsonString()}");
    }

    [Fact]
    public async Task Update_G711FormatsAndSemanticVad_AreAccepted()
    {
        await using var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello"));
        var (client, _) = await server.ConnectAsync();
        await using var __ = client;

        await client.SendAsync(SessionUpdate(new JsonObject
        {
            ["audio"] = new JsonObject
            {
                ["input"] = new JsonObject
                {
                    ["format"] = new JsonObject { ["type"] = "audio/pcmu" },
                    ["turn_detection"] = new JsonObject { ["type"] = "semantic_vad", ["eagerness"] = "low" },
                },
                ["output"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "audio/pcma" } },
            },
        }));
        var audio = (await client.ExpectAsync("session.updated"))["session"]!["audio"]!;

        Assert.Equal("{\"type\":\"audio/pcmu\"}", audio["input"]!["format"]!.ToJsonString());
        Assert.Equal("{\"type\":\"audio/pcma\"}", audio["output"]!["format"]!.ToJsonString());
        var expected = JsonNode.Parse("{\"type\":\"semantic_vad\",\"eagerness\":\"low\",\"create_response\":true,\"interrupt_response\":true}");
        Assert.True(JsonNode.DeepEquals(expected, audio["input"]!["turn_detection"]), audio["input"]!["turn_detection"]!.ToJsonString());
    }
}
