using System.Text.Json.Nodes;
using Tandem.Server.Tests.Realtime.Support;
using static Tandem.Server.Tests.Realtime.Support.RealtimeEvents;

namespace Tandem.Server.Tests.Realtime;

/// <summary>conversation.item.create|retrieve|delete|truncate, and the events a session refuses without closing.</summary>
public sealed class RealtimeItemTests
{
    private static async Task<(RealtimeTestServer Server, RealtimeTestClient Client)> StartAsync(JsonObject? session = null)
    {
        var server = await RealtimeTestServer.StartAsync(new FakeRecognizer("hello there"));
        var (client, _) = await server.ConnectAsync();
        await client.SendAsync(ManualTurns(session ?? new JsonObject { ["output_modalities"] = new JsonArray("text") }));
        await client.ExpectAsync("session.updated");
        return (server, client);
    }

    [Fact]
    public async Task Create_HistoryWithPreviousItemId_InsertsWhereAskedAndEchoesServerCopies()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        await using var __ = client;

        await client.SendAsync(UserText("one"));
        var first = (await client.ExpectAsync("conversation.item.added"))["item"]!;
        await client.ExpectAsync("conversation.item.done");
        await client.SendAsync(new JsonObject
        {
            ["type"] = "conversation.item.create",
            ["item"] = new JsonObject
            {
                ["id"] = "item_assistant_seed",
                ["type"] = "message",
                ["role"] = "assistant",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = "Nice to meet you." }),
            },
        });
        var assistant = await client.ExpectAsync("conversation.item.added");
        await client.ExpectAsync("conversation.item.done");
        await client.SendAsync(new JsonObject
        {
            ["type"] = "conversation.item.create",
            ["previous_item_id"] = "root",
            ["item"] = new JsonObject { ["type"] = "message", ["role"] = "system", ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = "Be brief." }) },
        });
        var system = await client.ExpectAsync("conversation.item.added");

        Assert.StartsWith("item_", (string?)first["id"], StringComparison.Ordinal);
        Assert.Equal("completed", (string?)first["status"]);
        Assert.Equal((string?)first["id"], (string?)assistant["previous_item_id"]);
        Assert.Equal("{\"id\":\"item_assistant_seed\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Nice to meet you.\"}]}",
            assistant["item"]!.ToJsonString());
        Assert.True(system.ContainsKey("previous_item_id") && system["previous_item_id"] is null);
    }

    [Theory]
    [InlineData("{\"type\":\"message\",\"role\":\"robot\",\"content\":[{\"type\":\"input_text\",\"text\":\"x\"}]}", "item.role", "invalid_value")]
    [InlineData("{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"output_text\",\"text\":\"x\"}]}", "item.content[0].type", "invalid_value")]
    [InlineData("{\"type\":\"function_call_output\",\"output\":\"x\"}", "item.call_id", "missing_required_parameter")]
    [InlineData("{\"type\":\"mcp_call\",\"id\":\"item_x\"}", "item.type", "invalid_value")]
    public async Task Create_InvalidItem_ErrorNamesTheField(string itemJson, string param, string code)
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        await using var __ = client;

        await client.SendAsync(new JsonObject { ["type"] = "conversation.item.create", ["event_id"] = "evt_item", ["item"] = JsonNode.Parse(itemJson) });
        var error = (await client.ExpectAsync("error"))["error"]!;

        Assert.Equal(param, (string?)error["param"]);
        Assert.Equal(code, (string?)error["code"]);
        Assert.Equal("evt_item", (string?)error["event_id"]);
    }

    [Fact]
    public async Task RetrieveDeleteTruncate_KnownItems_AnswerAndUnknownOnesFail()
    {
        var (server, client) = await StartAsync(new JsonObject { ["output_modalities"] = new JsonArray("audio") });
        await using var _ = server;
        await using var __ = client;
        await client.AppendAsync(TestSignals.Frames(TestSignals.Tone(200)));
        await client.SendAsync(Commit());
        var userId = (string)(await client.ExpectAsync("input_audio_buffer.committed"))["item_id"]!;
        await client.ReceiveUntilAsync("conversation.item.done");
        await client.SendAsync(ResponseCreate());
        var reply = await client.ReceiveUntilAsync("response.done");
        var assistantId = (string)reply.Single(e => Type(e) == "response.output_item.done")["item"]!["id"]!;

        await client.SendAsync(new JsonObject { ["type"] = "conversation.item.retrieve", ["item_id"] = userId });
        var retrieved = (await client.ExpectAsync("conversation.item.retrieved"))["item"]!;
        await client.SendAsync(new JsonObject { ["type"] = "conversation.item.truncate", ["item_id"] = assistantId, ["content_index"] = 0, ["audio_end_ms"] = 300 });
        var truncated = await client.ExpectAsync("conversation.item.truncated");
        await client.SendAsync(new JsonObject { ["type"] = "conversation.item.retrieve", ["item_id"] = assistantId });
        var cut = (await client.ExpectAsync("conversation.item.retrieved"))["item"]!;
        await client.SendAsync(new JsonObject { ["type"] = "conversation.item.truncate", ["item_id"] = assistantId, ["content_index"] = 0, ["audio_end_ms"] = 99_000 });
        var tooLong = (await client.ExpectAsync("error"))["error"]!;
        await client.SendAsync(new JsonObject { ["type"] = "conversation.item.truncate", ["item_id"] = userId, ["content_index"] = 0, ["audio_end_ms"] = 10 });
        var notAssistant = (await client.ExpectAsync("error"))["error"]!;
        await client.SendAsync(new JsonObject { ["type"] = "conversation.item.delete", ["item_id"] = userId });
        var deleted = await client.ExpectAsync("conversation.item.deleted");
        await client.SendAsync(new JsonObject { ["type"] = "conversation.item.retrieve", ["item_id"] = userId, ["event_id"] = "evt_gone" });
        var gone = (await client.ExpectAsync("error"))["error"]!;
        await client.SendAsync(new JsonObject { ["type"] = "conversation.item.delete", ["item_id"] = "item_nope" });
        var notThere = (await client.ExpectAsync("error"))["error"]!;

        Assert.Equal(userId, (string?)retrieved["id"]);
        Assert.Equal(200 * 24 * 2, Convert.FromBase64String((string)retrieved["content"]![0]!["audio"]!).Length);
        Assert.Equal(300, (int)truncated["audio_end_ms"]!);
        Assert.Equal(300 * 24 * 2, Convert.FromBase64String((string)cut["content"]![0]!["audio"]!).Length);
        Assert.Equal(string.Empty, (string?)cut["content"]![0]!["transcript"]);
        Assert.Equal("audio_end_ms", (string?)tooLong["param"]);
        Assert.Equal("item_id", (string?)notAssistant["param"]);
        Assert.Equal(userId, (string?)deleted["item_id"]);
        Assert.Equal("item_not_found", (string?)gone["code"]);
        Assert.Equal("evt_gone", (string?)gone["event_id"]);
        Assert.Contains(userId, (string?)gone["message"], StringComparison.Ordinal);
        Assert.Equal("item_not_found", (string?)notThere["code"]);
    }

    [Fact]
    public async Task Send_UnknownEventType_ErrorNamesItAndTheSessionStaysOpen()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        await using var __ = client;

        await client.SendAsync(new JsonObject { ["type"] = "conversation.item.explode", ["event_id"] = "evt_unknown" });
        var error = (await client.ExpectAsync("error"))["error"]!;
        await client.SendAsync(UserText("still here"));

        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Equal("invalid_value", (string?)error["code"]);
        Assert.Equal("type", (string?)error["param"]);
        Assert.Equal("evt_unknown", (string?)error["event_id"]);
        Assert.StartsWith("Invalid value: 'conversation.item.explode'. Supported values are: 'session.update',", (string?)error["message"], StringComparison.Ordinal);
        await client.ExpectAsync("conversation.item.added");
    }

    [Theory]
    [InlineData("{\"type\": \"session.update\", ", "invalid_json")]
    [InlineData("[1, 2]", "invalid_json")]
    [InlineData("{\"event_id\": \"evt_x\"}", "missing_required_parameter")]
    public async Task Send_MalformedMessage_ErrorAndTheSessionStaysOpen(string message, string code)
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        await using var __ = client;

        await client.SendAsync(message);
        var error = (await client.ExpectAsync("error"))["error"]!;
        await client.SendAsync(UserText("still here"));

        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Equal(code, (string?)error["code"]);
        await client.ExpectAsync("conversation.item.added");
    }
}
