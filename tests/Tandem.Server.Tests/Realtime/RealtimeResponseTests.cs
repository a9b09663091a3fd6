using System.Text.Json.Nodes;
using Tandem.Server.Tests.Realtime.Support;
using Tandem.Voice.Audio;
using static Tandem.Server.Tests.Realtime.Support.RealtimeEvents;

namespace Tandem.Server.Tests.Realtime;

/// <summary>response.create and response.cancel: text, function-call and audio sequences, out-of-band responses, and their errors.</summary>
public sealed class RealtimeResponseTests
{
    private static readonly string[] TextSequence =
    [
        "response.created", "response.output_item.added", "conversation.item.added", "response.content_part.added", "response.output_text.delta",
        "response.output_text.done", "response.content_part.done", "conversation.item.done", "response.output_item.done", "response.done",
    ];

    private static async Task<(RealtimeTestServer Server, RealtimeTestClient Client)> StartAsync(FakeRecognizer recognizer, JsonObject session)
    {
        var server = await RealtimeTestServer.StartAsync(recognizer);
        var (client, _) = await server.ConnectAsync();
        session["audio"] ??= new JsonObject { ["input"] = new JsonObject { ["turn_detection"] = null } };
        await client.SendAsync(SessionUpdate(session));
        await client.ExpectAsync("session.updated");
        return (server, client);
    }

    [Fact]
    public async Task Create_TextTurn_StreamsTheTextSequenceAndEchoesTheUser()
    {
        var (server, client) = await StartAsync(new FakeRecognizer("unused"), new JsonObject { ["output_modalities"] = new JsonArray("text") });
        await using var _ = server;
        await using var __ = client;

        await client.SendAsync(UserText("Say hello."));
        var userAdded = await client.ExpectAsync("conversation.item.added");
        await client.ExpectAsync("conversation.item.done");
        await client.SendAsync(ResponseCreate());
        var events = await client.ReceiveUntilAsync("response.done");

        Assert.Equal(TextSequence, EventShape.Collapse(Types(events)));
        var created = events[0]["response"]!.AsObject();
        Assert.Equal("realtime.response", (string?)created["object"]);
        Assert.Equal("in_progress", (string?)created["status"]);
        Assert.Equal("[]", created["output"]!.ToJsonString());
        Assert.StartsWith("conv_", (string?)created["conversation_id"], StringComparison.Ordinal);
        Assert.Equal("[\"text\"]", created["output_modalities"]!.ToJsonString());
        Assert.Equal("inf", (string?)created["max_output_tokens"]);
        Assert.Equal("{\"output\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":24000},\"voice\":\"alloy\"}}", created["audio"]!.ToJsonString());
        Assert.True(created.ContainsKey("usage") && created["usage"] is null);
        Assert.True(created.ContainsKey("metadata") && created["metadata"] is null);
        Assert.Equal("{\"type\":\"text\",\"text\":\"\"}", events[3]["part"]!.ToJsonString());
        var text = (string?)events.Single(e => Type(e) == "response.output_text.done")["text"];
        Assert.Equal("You said: Say hello.", text);
        Assert.Equal(text, string.Concat(events.Where(e => Type(e) == "response.output_text.delta").Select(e => (string?)e["delta"])));
        Assert.All(events.Where(e => Type(e) == "response.output_text.delta"), e => Assert.NotNull(e["obfuscation"]));
        Assert.Equal((string?)userAdded["item"]!["id"], (string?)events[2]["previous_item_id"]);
        var done = events[^1]["response"]!.AsObject();
        Assert.Equal("completed", (string?)done["status"]);
        Assert.Equal($"[{{\"type\":\"output_text\",\"text\":\"{text}\"}}]", done["output"]![0]!["content"]!.ToJsonString());
        var usage = done["usage"]!;
        Assert.Equal((int)usage["input_tokens"]! + (int)usage["output_tokens"]!, (int)usage["total_tokens"]!);
        Assert.True((int)usage["output_token_details"]!["text_tokens"]! > 0);
        Assert.Equal(0, (int)usage["input_token_details"]!["audio_tokens"]!);
    }

    [Fact]
    public async Task Create_ToolRound_CallsTheToolThenThanksWithItsOutput()
    {
        var session = new JsonObject
        {
            ["output_modalities"] = new JsonArray("text"),
            ["instructions"] = "Use the get_weather tool for any weather question, then answer in one short sentence.",
            ["tools"] = new JsonArray(Tool("get_weather", "Look up the weather for a city.", new JsonObject { ["city"] = new JsonObject { ["type"] = "string" } }, "city")),
        };
        var (server, client) = await StartAsync(new FakeRecognizer("unused"), session);
        await using var _ = server;
        await using var __ = client;

        await client.SendAsync(UserText("London"));
        await client.SendAsync(ResponseCreate());
        var first = await client.ReceiveUntilAsync("response.done");
        var call = first.Single(e => Type(e) == "response.function_call_arguments.done");
        await client.SendAsync(FunctionOutput((string)call["call_id"]!, "It is foggy and 12 degrees in London."));
        await client.SendAsync(ResponseCreate());
        var second = await client.ReceiveUntilAsync("response.done");

        Assert.Equal(
            [
                "conversation.item.added", "conversation.item.done", "response.created", "response.output_item.added", "conversation.item.added",
                "response.function_call_arguments.delta", "response.function_call_arguments.done", "conversation.item.done", "response.output_item.done", "response.done",
            ],
            EventShape.Collapse(Types(first)));
        Assert.Equal("get_weather", (string?)call["name"]);
        Assert.Equal("{\"city\":\"London\"}", (string?)call["arguments"]);
        Assert.StartsWith("call_", (string?)call["call_id"], StringComparison.Ordinal);
        var addedItem = first[3]["item"]!;
        Assert.Equal("in_progress", (string?)addedItem["status"]);
        Assert.Equal(string.Empty, (string?)addedItem["arguments"]);
        var doneItem = first[^1]["response"]!["output"]![0]!;
        Assert.Equal("completed", (string?)doneItem["status"]);
        Assert.Equal("{\"city\":\"London\"}", (string?)doneItem["arguments"]);
        Assert.Equal(["conversation.item.added", "conversation.item.done", .. TextSequence], EventShape.Collapse(Types(second)));
        Assert.Equal("{\"type\":\"function_call_output\",\"call_id\":\"" + (string)call["call_id"]! + "\",\"output\":\"It is foggy and 12 degrees in London.\"}",
            WithoutId(second[0]["item"]!));
        Assert.Equal("Thanks. It is foggy and 12 degrees in London.", (string?)second.Single(e => Type(e) == "response.output_text.done")["text"]);
    }

    [Fact]
    public async Task Create_ToolChoiceNamesASecondTool_CallsThatOne()
    {
        var session = new JsonObject
        {
            ["output_modalities"] = new JsonArray("text"),
            ["tools"] = new JsonArray(
                Tool("lookup", "Finds things.", new JsonObject { ["query"] = new JsonObject { ["type"] = "string" } }, "query"),
                Tool("save_code", "Saves the booking reference.", new JsonObject { ["count"] = new JsonObject { ["type"] = "integer" }, ["ref"] = new JsonObject { ["type"] = "string" } }, "count", "ref")),
        };
        var (server, client) = await StartAsync(new FakeRecognizer("unused"), session);
        await using var _ = server;
        await using var __ = client;

        await client.SendAsync(UserText("it's alpha bravo seven two nine"));
        await client.SendAsync(ResponseCreate(new JsonObject { ["tool_choice"] = new JsonObject { ["type"] = "function", ["name"] = "save_code" } }));
        var events = await client.ReceiveUntilAsync("response.done");

        var call = events.Single(e => Type(e) == "response.function_call_arguments.done");
        Assert.Equal("save_code", (string?)call["name"]);
        Assert.Equal("{\"ref\":\"AB729\"}", (string?)call["arguments"]);
    }

    [Fact]
    public async Task Create_ToolChoiceNone_RepliesWithText()
    {
        var session = new JsonObject
        {
            ["output_modalities"] = new JsonArray("text"),
            ["tool_choice"] = "none",
            ["tools"] = new JsonArray(Tool("lookup", "Finds things.", new JsonObject { ["query"] = new JsonObject { ["type"] = "string" } }, "query")),
        };
        var (server, client) = await StartAsync(new FakeRecognizer("unused"), session);
        await using var _ = server;
        await using var __ = client;

        await client.SendAsync(UserText("hi"));
        await client.SendAsync(ResponseCreate());
        var events = await client.ReceiveUntilAsync("response.done");

        Assert.DoesNotContain(events, e => Type(e)!.StartsWith("response.function_call", StringComparison.Ordinal));
        Assert.Equal("You said: hi.", (string?)events.Single(e => Type(e) == "response.output_text.done")["text"]);
    }

    [Fact]
    public async Task Create_AudioModality_StreamsAudioWithItsTranscript()
    {
        var (server, client) = await StartAsync(new FakeRecognizer("unused"), new JsonObject { ["output_modalities"] = new JsonArray("audio") });
        await using var _ = server;
        await using var __ = client;

        await client.SendAsync(UserText("good morning"));
        await client.SendAsync(ResponseCreate());
        var events = await client.ReceiveUntilAsync("response.done");

        Assert.Equal(
            [
                "conversation.item.added", "conversation.item.done", "response.created", "response.output_item.added", "conversation.item.added",
                "response.content_part.added", EventShape.AudioDeltaRun, "response.output_audio.done", "response.output_audio_transcript.done",
                "response.content_part.done", "conversation.item.done", "response.output_item.done", "response.done",
            ],
            EventShape.Collapse(Types(events)));
        Assert.Equal("{\"type\":\"audio\",\"transcript\":\"\"}", events.Single(e => Type(e) == "response.content_part.added")["part"]!.ToJsonString());
        const string Expected = "You said: good morning.";
        Assert.Equal(Expected, string.Concat(events.Where(e => Type(e) == "response.output_audio_transcript.delta").Select(e => (string?)e["delta"])));
        Assert.Equal(Expected, (string?)events.Single(e => Type(e) == "response.output_audio_transcript.done")["transcript"]);
        Assert.Equal("{\"type\":\"audio\",\"transcript\":\"" + Expected + "\"}", events.Single(e => Type(e) == "response.content_part.done")["part"]!.ToJsonString());
        Assert.Equal("[{\"type\":\"output_audio\",\"transcript\":\"" + Expected + "\"}]", events[^1]["response"]!["output"]![0]!["content"]!.ToJsonString());
        var audio = events.Where(e => Type(e) == "response.output_audio.delta").SelectMany(e => Convert.FromBase64String((string)e["delta"]!)).ToArray();

        // Speech synthesis is off in this server: four words of silence, 0.4 s each.
        Assert.Equal(24000 * 2 * 16 / 10, audio.Length);
        Assert.True((int)events[^1]["response"]!["usage"]!["output_token_details"]!["audio_tokens"]! >= 32);
    }

    [Fact]
    public async Task Create_AudioModalityWithPcmuOutput_SendsG711At8kHz()
    {
        var session = new JsonObject
        {
            ["output_modalities"] = new JsonArray("audio"),
            ["audio"] = new JsonObject
            {
                ["input"] = new JsonObject { ["turn_detection"] = null },
                ["output"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "audio/pcmu" } },
            },
        };
        var (server, client) = await StartAsync(new FakeRecognizer("unused"), session);
        await using var _ = server;
        await using var __ = client;

        await client.SendAsync(UserText("hi"));
        await client.SendAsync(ResponseCreate());
        var events = await client.ReceiveUntilAsync("response.done");

        var bytes = events.Where(e => Type(e) == "response.output_audio.delta").Sum(e => Convert.FromBase64String((string)e["delta"]!).Length);
        Assert.Equal(8000 * 12 / 10, bytes);
        Assert.Equal("{\"type\":\"audio/pcmu\"}", events.Single(e => Type(e) == "response.created")["response"]!["audio"]!["output"]!["format"]!.ToJsonString());
    }

    [Fact]
    public async Task Create_OutOfBand_SendsNoConversationEventsAndLeavesTheConversationAlone()
    {
        var (server, client) = await StartAsync(new FakeRecognizer("unused"), new JsonObject { ["output_modalities"] = new JsonArray("text") });
        await using var _ = server;
        await using var __ = client;
        await client.SendAsync(UserText("first"));
        var user = await client.ExpectAsync("conversation.item.added");
        await client.ExpectAsync("conversation.item.done");

        await client.SendAsync(ResponseCreate(new JsonObject
        {
            ["conversation"] = "none",
            ["metadata"] = new JsonObject { ["purpose"] = "second-opinion" },
            ["input"] = new JsonArray(new JsonObject
            {
                ["type"] = "message",
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = "out of band" }),
            }),
        }));
        var outOfBand = await client.ReceiveUntilAsync("response.done");
        await client.SendAsync(UserText("second"));
        var next = await client.ExpectAsync("conversation.item.added");

        Assert.DoesNotContain(outOfBand, e => Type(e)!.StartsWith("conversation.item", StringComparison.Ordinal));
        var created = outOfBand[0]["response"]!.AsObject();
        Assert.True(created.ContainsKey("conversation_id") && created["conversation_id"] is null);
        Assert.Equal("{\"purpose\":\"second-opinion\"}", created["metadata"]!.ToJsonString());
        Assert.Equal("You said: out of band.", (string?)outOfBand.Single(e => Type(e) == "response.output_text.done")["text"]);
        Assert.Equal((string?)user["item"]!["id"], (string?)next["previous_item_id"]);
    }

    [Fact]
    public async Task Create_OutOfBandWithItemReference_AnswersTheReferencedItem()
    {
        var (server, client) = await StartAsync(new FakeRecognizer("unused"), new JsonObject { ["output_modalities"] = new JsonArray("text") });
        await using var _ = server;
        await using var __ = client;
        await client.SendAsync(UserText("the referenced words"));
        var user = await client.ExpectAsync("conversation.item.added");
        await client.ExpectAsync("conversation.item.done");
        await client.SendAsync(UserText("later words"));
        await client.ReceiveUntilAsync("conversation.item.done");

        await client.SendAsync(ResponseCreate(new JsonObject
        {
            ["conversation"] = "none",
            ["input"] = new JsonArray(new JsonObject { ["type"] = "item_reference", ["id"] = (string)user["item"]!["id"]! }),
        }));
        var events = await client.ReceiveUntilAsync("response.done");

        Assert.Equal("You said: the referenced words.", (string?)events.Single(e => Type(e) == "response.output_text.done")["text"]);
    }

    [Fact]
    public async Task Create_WhileAResponseIsActive_FailsWithActiveResponseAndCancelStopsIt()
    {
        var recognizer = new FakeRecognizer("four one five");
        var (server, client) = await StartAsync(recognizer, new JsonObject { ["output_modalities"] = new JsonArray("text") });
        await using var _ = server;
        await using var __ = client;
        await client.AppendAsync(TestSignals.Frames(TestSignals.Tone(300)));
        await client.SendAsync(Commit());
        await client.ReceiveUntilAsync("conversation.item.done");

        // The response waits for the recogniser to hear the user; held, it stays active.
        recognizer.Hold();
        await client.SendAsync(ResponseCreate());
        var created = await client.ExpectAsync("response.created");
        await client.SendAsync(new JsonObject { ["type"] = "response.create", ["event_id"] = "evt_second" });
        var busy = (await client.ExpectAsync("error"))["error"]!;
        await client.SendAsync(new JsonObject { ["type"] = "response.cancel" });
        var done = (await client.ExpectAsync("response.done"))["response"]!;
        recognizer.Release();

        var id = (string)created["response"]!["id"]!;
        Assert.Equal("conversation_already_has_active_response", (string?)busy["code"]);
        Assert.Equal("evt_second", (string?)busy["event_id"]);
        Assert.Equal($"Conversation already has an active response in progress: {id}. Wait until the response is finished before creating a new one.", (string?)busy["message"]);
        Assert.Equal(id, (string?)done["id"]);
        Assert.Equal("cancelled", (string?)done["status"]);
        Assert.Equal("{\"type\":\"cancelled\",\"reason\":\"client_cancelled\"}", done["status_details"]!.ToJsonString());
        Assert.Equal("[]", done["output"]!.ToJsonString());

        // Idle again: a new response runs.
        await client.SendAsync(ResponseCreate());
        var next = await client.ReceiveUntilAsync("response.done");
        Assert.Equal("completed", (string?)next[^1]["response"]!["status"]);
    }

    [Fact]
    public async Task Cancel_NoActiveResponse_FailsLikeOpenAi()
    {
        var (server, client) = await StartAsync(new FakeRecognizer("unused"), []);
        await using var _ = server;
        await using var __ = client;

        await client.SendAsync(new JsonObject { ["type"] = "response.cancel", ["event_id"] = "evt_cancel_1" });
        var error = (await client.ExpectAsync("error"))["error"]!;

        Assert.Equal("response_cancel_not_active", (string?)error["code"]);
        Assert.Equal("Cancellation failed: no active response found", (string?)error["message"]);
        Assert.Equal("evt_cancel_1", (string?)error["event_id"]);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
    }

    [Fact]
    public async Task Create_MaxOutputTokensBelowTheReply_EndsIncomplete()
    {
        var (server, client) = await StartAsync(new FakeRecognizer("unused"), new JsonObject { ["output_modalities"] = new JsonArray("text") });
        await using var _ = server;
        await using var __ = client;

        await client.SendAsync(UserText("a long sentence with many words in it to echo back"));
        await client.SendAsync(ResponseCreate(new JsonObject { ["max_output_tokens"] = 3 }));
        var done = (await client.ReceiveUntilAsync("response.done"))[^1]["response"]!;

        Assert.Equal("incomplete", (string?)done["status"]);
        Assert.Equal("{\"type\":\"incomplete\",\"reason\":\"max_output_tokens\"}", done["status_details"]!.ToJsonString());
        Assert.Equal(3, (int)done["usage"]!["output_tokens"]!);
    }

    [Fact]
    public async Task Create_UnknownConversation_FailsNamingTheParam()
    {
        var (server, client) = await StartAsync(new FakeRecognizer("unused"), []);
        await using var _ = server;
        await using var __ = client;

        await client.SendAsync(ResponseCreate(new JsonObject { ["conversation"] = "conv_other" }));
        var error = (await client.ExpectAsync("error"))["error"]!;

        Assert.Equal("response.conversation", (string?)error["param"]);
        Assert.Equal("invalid_value", (string?)error["code"]);
    }

    private static string WithoutId(JsonNode item)
    {
        var copy = item.DeepClone().AsObject();
        copy.Remove("id");
        return copy.ToJsonString();
    }
}
