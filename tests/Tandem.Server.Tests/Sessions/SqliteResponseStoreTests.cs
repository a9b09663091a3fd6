using System.Text;
using System.Text.Json.Nodes;
using Tandem.Responses.Protocol;
using Tandem.Server.Sessions;
using Tandem.Server.Tests.Support;
using static Tandem.Server.Tests.Endpoints.HttpTestHelpers;

namespace Tandem.Server.Tests.Sessions;

/// <summary><c>--store sqlite:PATH</c>: stored responses survive a restart, with replay, input items and chaining.</summary>
public sealed class SqliteResponseStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tandem-sqlite-{Guid.NewGuid():N}");

    private string DatabasePath => Path.Combine(_directory, "responses.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }

    private Task<TestServer> StartAsync() => TestServer.StartAsync(o => o.Store = "sqlite:" + DatabasePath);

    [Fact]
    public async Task Server_RestartedOnTheSameFile_StillServesGetInputItemsReplayAndChaining()
    {
        var input = new JsonArray();
        for (var i = 0; i < 25; i++)
        {
            input.Add(new JsonObject { ["role"] = "user", ["content"] = $"m{i}" });
        }

        var tool = JsonNode.Parse("""
            {"type":"function","name":"lookup","parameters":{"type":"object","properties":{"q":{"type":"string"}},"required":["q"],"additionalProperties":false},"strict":true}
            """)!;
        List<Sse.Frame> original;
        await using (var first = await StartAsync())
        {
            original = await StreamAsync(first.Http, new JsonObject { ["model"] = "tandem-default", ["input"] = input, ["tools"] = new JsonArray(tool.DeepClone()) });
        }

        var created = original[^1].Json["response"]!.AsObject();
        var id = (string)created["id"]!;
        var callId = (string)created["output"]![0]!["call_id"]!;

        await using var second = await StartAsync();

        using (var get = await second.Http.GetAsync($"/v1/responses/{id}", Ct))
        {
            Assert.Equal(200, (int)get.StatusCode);
            var fetched = await ReadJsonAsync(get);
            Assert.True(JsonNode.DeepEquals(created, fetched), $"{created.ToJsonString()}\n!=\n{fetched.ToJsonString()}");
        }

        using (var items = await second.Http.GetAsync($"/v1/responses/{id}/input_items", Ct))
        {
            var page = await ReadJsonAsync(items);
            Assert.Equal(20, page["data"]!.AsArray().Count);
            Assert.True((bool)page["has_more"]!);
            Assert.Equal("m24", (string?)page["data"]![0]!["content"]![0]!["text"]);
            using var rest = await second.Http.GetAsync($"/v1/responses/{id}/input_items?after={page["last_id"]}", Ct);
            var next = await ReadJsonAsync(rest);
            Assert.Equal(5, next["data"]!.AsArray().Count);
            Assert.False((bool)next["has_more"]!);
            Assert.Equal("m0", (string?)next["data"]![4]!["content"]![0]!["text"]);
        }

        using (var replay = await second.Http.GetAsync($"/v1/responses/{id}?stream=true", Ct))
        {
            var frames = await ReadStrictSseAsync(replay);
            Assert.Equal(original.Select(f => f.Data), frames.Select(f => f.Data));
        }

        var chained = await CreateAsync(second.Http, new JsonObject
        {
            ["model"] = "tandem-default",
            ["previous_response_id"] = id,
            ["tools"] = new JsonArray(tool.DeepClone()),
            ["input"] = new JsonArray(new JsonObject { ["type"] = "function_call_output", ["call_id"] = callId, ["output"] = "found it" }),
        });
        Assert.Equal("completed", (string?)chained["status"]);
        Assert.Equal(id, (string?)chained["previous_response_id"]);
        Assert.Equal("The tool returned: \"found it\"", (string?)chained["output"]![0]!["content"]![0]!["text"]);
        Assert.Equal(0, (int)chained["usage"]!["input_tokens_details"]!["cached_tokens"]!);
        Assert.True((int)chained["usage"]!["input_tokens"]! > (int)created["usage"]!["input_tokens"]!, "the loaded history counts as input");
    }

    private static StoredResponse Sample(string id, string owner) => new()
    {
        Id = id,
        Owner = owner,
        Response = new ResponseObject
        {
            Id = id,
            CreatedAt = 1767225600,
            Status = ResponseStatus.Completed,
            Model = "tandem-default",
            PreviousResponseId = "resp_before",
            Output = [MessageItem.AssistantText("msg_out", "Hi back")],
        },
        Input = [new MessageItem { Id = "msg_in", Role = "user", Status = "completed", Content = new MessageContent([ContentPart.InputText("Hi")]) }],
        Events = [Encoding.UTF8.GetBytes("""{"type":"response.created","sequence_number":0}"""), Encoding.UTF8.GetBytes("""{"type":"response.completed","sequence_number":1}""")],
    };

    [Fact]
    public async Task SaveGetDelete_ScopedToOwner_RoundTripsAndHidesFromOtherOwners()
    {
        using var store = new SqliteResponseStore(DatabasePath);
        var saved = Sample("resp_1", "owner_a");

        await store.SaveAsync(saved, Ct);
        var got = await store.GetAsync("resp_1", "owner_a", Ct);

        Assert.NotNull(got);
        Assert.Equal("resp_1", got.Id);
        Assert.Equal("owner_a", got.Owner);
        Assert.Equal("resp_before", got.PreviousResponseId);
        Assert.Equal("Hi back", got.Response.GetOutputText());
        Assert.Equal("msg_in", Assert.IsType<MessageItem>(Assert.Single(got.Input)).Id);
        Assert.Equal(saved.Events.Select(Encoding.UTF8.GetString), got.Events.Select(Encoding.UTF8.GetString));

        Assert.Null(await store.GetAsync("resp_1", "owner_b", Ct));
        Assert.False(await store.DeleteAsync("resp_1", "owner_b", Ct));
        Assert.NotNull(await store.GetAsync("resp_1", "owner_a", Ct));
        Assert.Null(await store.GetAsync("resp_unknown", "owner_a", Ct));

        Assert.True(await store.DeleteAsync("resp_1", "owner_a", Ct));
        Assert.Null(await store.GetAsync("resp_1", "owner_a", Ct));
        Assert.False(await store.DeleteAsync("resp_1", "owner_a", Ct));
    }

    [Fact]
    public async Task GetAsync_FromANewStoreOnTheSameFile_FindsEarlierSaves()
    {
        using (var store = new SqliteResponseStore(DatabasePath))
        {
            await store.SaveAsync(Sample("resp_2", "owner_a"), Ct);
        }

        using var reopened = new SqliteResponseStore(DatabasePath);
        var got = await reopened.GetAsync("resp_2", "owner_a", Ct);

        Assert.NotNull(got);
        Assert.Equal(2, got.Events.Count);
    }
}
