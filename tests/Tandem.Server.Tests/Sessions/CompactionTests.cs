using System.Text.Json.Nodes;
using Tandem.Server.Tests.Endpoints;
using Tandem.Server.Tests.Support;
using static Tandem.Server.Tests.Endpoints.HttpTestHelpers;

namespace Tandem.Server.Tests.Sessions;

/// <summary>
/// Server-side compaction (<c>context_management</c>) and the context window: a compaction item
/// stands for everything before it, so the next turn reads far fewer tokens; a context over the
/// window is refused with <c>context_length_exceeded</c>; what a client sends back is verified.
/// </summary>
public sealed class CompactionTests
{
    // About 1,000 o200k tokens (" word37" is two): two of these cross a 2,000-token threshold.
    private static readonly string LongText = string.Join(' ', Enumerable.Range(0, 500).Select(i => "word" + (i % 97)));

    private static JsonArray Compaction(int threshold) => [new JsonObject { ["type"] = "compaction", ["compact_threshold"] = threshold }];

    private static JsonObject Turn(string text, string? previous = null, int? threshold = 2000)
    {
        var body = new JsonObject { ["model"] = "tandem-default", ["input"] = UserInput(text) };
        if (previous is not null)
        {
            body["previous_response_id"] = previous;
        }

        if (threshold is { } t)
        {
            body["context_management"] = Compaction(t);
        }

        return body;
    }

    private static int InputTokens(JsonObject response) => (int)response["usage"]!["input_tokens"]!;

    [Fact]
    public async Task Create_ContextOverThreshold_StartsTheOutputWithACompactionThatShrinksTheNextTurn()
    {
        await using var server = await TestServer.StartAsync();
        var first = await CreateAsync(server.Http, Turn(LongText));
        Assert.DoesNotContain(first["output"]!.AsArray(), i => (string?)i!["type"] == "compaction");

        var second = await CreateAsync(server.Http, Turn(LongText, (string)first["id"]!));
        var output = second["output"]!.AsArray();
        Assert.Equal("compaction", (string?)output[0]!["type"]);
        Assert.StartsWith("cmp_", (string?)output[0]!["id"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)output[0]!["encrypted_content"]));
        Assert.Equal("message", (string?)output[1]!["type"]); // the model still answers in the same turn
        Assert.True(InputTokens(second) >= 2000, $"the compacting turn read the whole context ({InputTokens(second)})");

        var third = await CreateAsync(server.Http, Turn("And now?", (string)second["id"]!));
        Assert.True(InputTokens(third) < InputTokens(second) / 3, $"after compaction {InputTokens(third)} tokens, before {InputTokens(second)}");
        Assert.DoesNotContain(third["output"]!.AsArray(), i => (string?)i!["type"] == "compaction");
    }

    [Fact]
    public async Task Stream_CompactingTurn_EmitsTheCompactionItemAsOutputItemEvents()
    {
        await using var server = await TestServer.StartAsync();
        var first = await CreateAsync(server.Http, Turn(LongText));

        var frames = await StreamAsync(server.Http, Turn(LongText, (string)first["id"]!));

        var added = frames.First(f => f.Event == "response.output_item.added");
        Assert.Equal("compaction", (string?)added.Json["item"]!["type"]);
        Assert.Equal(0, (int)added.Json["output_index"]!);
        var done = frames.First(f => f.Event == "response.output_item.done");
        Assert.Equal((string?)added.Json["item"]!["encrypted_content"], (string?)done.Json["item"]!["encrypted_content"]);
        Assert.Equal("compaction", (string?)frames[^1].Json["response"]!["output"]![0]!["type"]);
    }

    [Fact]
    public async Task WebSocket_CompactionInTheConnectionCache_ShrinksTheNextTurn()
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await server.ConnectAsync();
        await ws.CreateAsync(WithStoreFalse(Turn(LongText)));
        var first = (await ws.ReceiveResponseAsync())[^1]["response"]!.AsObject();
        await ws.CreateAsync(WithStoreFalse(Turn(LongText, (string)first["id"]!)));
        var second = (await ws.ReceiveResponseAsync())[^1]["response"]!.AsObject();
        await ws.CreateAsync(WithStoreFalse(Turn("And now?", (string)second["id"]!)));
        var third = (await ws.ReceiveResponseAsync())[^1]["response"]!.AsObject();

        Assert.Equal("compaction", (string?)second["output"]![0]!["type"]);
        Assert.True(InputTokens(third) < InputTokens(second) / 3, $"after compaction {InputTokens(third)} tokens, before {InputTokens(second)}");

        static JsonObject WithStoreFalse(JsonObject body)
        {
            body["store"] = false;
            return body;
        }
    }

    [Fact]
    public async Task Create_StatelessHistoryWithACompaction_CountsOnlyFromTheCompactionOn()
    {
        await using var server = await TestServer.StartAsync();
        var first = await CreateAsync(server.Http, Turn(LongText));
        var second = await CreateAsync(server.Http, Turn(LongText, (string)first["id"]!));
        var compaction = second["output"]![0]!.DeepClone();

        // Full history resent (store:false style): the items before the compaction cost nothing more.
        var input = new JsonArray(
            new JsonObject { ["role"] = "user", ["content"] = LongText },
            new JsonObject { ["role"] = "user", ["content"] = LongText },
            compaction,
            new JsonObject { ["role"] = "user", ["content"] = "And now?" });
        var third = await CreateAsync(server.Http, new JsonObject { ["model"] = "tandem-default", ["input"] = input });

        Assert.True(InputTokens(third) < 1000, $"{InputTokens(third)} tokens");
    }

    [Fact]
    public async Task Create_TamperedCompactionItem_IsRefusedNamingTheItem()
    {
        await using var server = await TestServer.StartAsync();
        var input = new JsonArray(
            new JsonObject { ["type"] = "compaction", ["id"] = "cmp_forged", ["encrypted_content"] = "tdmc1_bm90IGEgcmVhbCBvbmU=" },
            new JsonObject { ["role"] = "user", ["content"] = "Hi" });

        var error = await AssertCreateFailsAsync(server.Http, new JsonObject { ["model"] = "tandem-default", ["input"] = input }, "invalid_encrypted_content", "input[0].encrypted_content");

        Assert.Contains("cmp_forged", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ContextOverTheWindow_IsRefusedWithContextLengthExceeded()
    {
        await using var server = await TestServer.StartAsync(o => o.ContextWindowTokens = 2000);
        var first = await CreateAsync(server.Http, Turn(LongText, threshold: null));

        var error = await AssertCreateFailsAsync(server.Http, Turn(LongText, (string)first["id"]!, threshold: null), "context_length_exceeded", "input");

        Assert.Equal("Your input exceeds the context window of this model. Please adjust your input and try again.", (string?)error["message"]);
    }

    [Fact]
    public async Task Create_CompactionKeepsARunUnderTheWindow_WhereWithoutItTheRunFails()
    {
        await using var server = await TestServer.StartAsync(o => o.ContextWindowTokens = 4000);
        string? previous = null;
        for (var turn = 0; turn < 8; turn++)
        {
            var response = await CreateAsync(server.Http, Turn(LongText, previous, threshold: 2500));
            Assert.True(InputTokens(response) <= 4000);
            previous = (string)response["id"]!;
        }

        previous = null;
        for (var turn = 0; ; turn++)
        {
            using var answer = await Sse.PostAsync(server.Http, Turn(LongText, previous, threshold: null));
            if (!answer.IsSuccessStatusCode)
            {
                await AssertErrorAsync(answer, 400, "context_length_exceeded", "input");
                Assert.InRange(turn, 2, 4); // ~1,000 tokens a turn against a 4,000-token window
                break;
            }

            previous = (string)(await ReadJsonAsync(answer))["id"]!;
        }
    }

    [Theory]
    [InlineData("""[{"type":"compaction","compact_threshold":999}]""", "integer_below_min_value", "context_management[0].compact_threshold")]
    [InlineData("""[{"type":"truncate"}]""", "invalid_value", "context_management[0].type")]
    [InlineData("""[{"compact_threshold":5000}]""", "missing_required_parameter", "context_management[0].type")]
    [InlineData("""[{"type":"compaction","compact_threshold":"many"}]""", "invalid_type", "context_management[0].compact_threshold")]
    [InlineData("""{"type":"compaction"}""", "invalid_type", "context_management")]
    public async Task Create_InvalidContextManagement_IsRefusedNamingTheField(string value, string code, string param)
    {
        await using var server = await TestServer.StartAsync();
        var body = new JsonObject { ["model"] = "tandem-default", ["input"] = "Hi", ["context_management"] = JsonNode.Parse(value) };

        await AssertCreateFailsAsync(server.Http, body, code, param);
    }

    [Fact]
    public async Task Create_CompactionDisabled_RefusesTheParameterAsUnknown()
    {
        await using var server = await TestServer.StartAsync(o => o.EnableCompaction = false);

        await AssertCreateFailsAsync(server.Http, Turn("Hi"), "unknown_parameter", "context_management");
    }

    [Fact]
    public async Task Create_OmittedThreshold_UsesFourFifthsOfTheWindow()
    {
        await using var server = await TestServer.StartAsync(o => o.ContextWindowTokens = 2500);
        var body = new JsonObject { ["model"] = "tandem-default", ["input"] = UserInput(LongText + " " + LongText), ["context_management"] = JsonNode.Parse("""[{"type":"compaction"}]""") };

        var response = await CreateAsync(server.Http, body);

        Assert.Equal("compaction", (string?)response["output"]![0]!["type"]);
    }
}
