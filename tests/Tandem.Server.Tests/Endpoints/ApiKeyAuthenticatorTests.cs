using System.Text.Json.Nodes;
using Tandem.Server.Endpoints;
using Tandem.Server.Tests.Support;
using static Tandem.Server.Tests.Endpoints.HttpTestHelpers;

namespace Tandem.Server.Tests.Endpoints;

/// <summary>Bearer keys: 401 answers in OpenAI's shape, keys files, and responses scoped to the key that created them.</summary>
public sealed class ApiKeyAuthenticatorTests
{
    private static JsonObject Body() => new() { ["model"] = "tandem-default", ["input"] = UserInput("hi") };

    [Fact]
    public async Task Create_WithoutKey_Returns401WithOpenAiErrorShape()
    {
        await using var server = await TestServer.StartAsync();
        using var anonymous = server.CreateHttpClient(null);

        using var response = await Sse.PostAsync(anonymous, Body());

        Assert.Equal(401, (int)response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        var expected = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = (string?)body["error"]?["message"],
                ["type"] = "invalid_request_error",
                ["param"] = null,
                ["code"] = null,
            },
        };
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        Assert.Contains("API key", (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Create_WithWrongKey_Returns401InvalidApiKeyWithoutRevealingTheKey()
    {
        await using var server = await TestServer.StartAsync();
        const string WrongKey = "sk-wrong-0123456789abcdefghij-9876";
        using var client = server.CreateHttpClient(WrongKey);

        using var response = await Sse.PostAsync(client, Body());

        var error = await AssertErrorAsync(response, 401, "invalid_api_key", param: null);
        var message = (string)error["message"]!;
        Assert.StartsWith("Incorrect API key provided", message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, message, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdefghij", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithShortWrongKey_MasksEveryCharacter()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateHttpClient("short-key");

        using var response = await Sse.PostAsync(client, Body());

        var error = await AssertErrorAsync(response, 401, "invalid_api_key", param: null);
        Assert.DoesNotContain("short", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithKeyFromKeysFile_IsAccepted()
    {
        var keysFile = Path.Combine(Path.GetTempPath(), $"tandem-keys-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(keysFile, "# local keys\n\n  sk-from-file-key-1234567890  \n# sk-commented-out-key\n", Ct);
        try
        {
            await using var server = await TestServer.StartAsync(o =>
            {
                o.ApiKeys.Clear();
                o.KeysFile = keysFile;
            });
            using var fileKey = server.CreateHttpClient("sk-from-file-key-1234567890");
            using var commented = server.CreateHttpClient("sk-commented-out-key");

            var created = await CreateAsync(fileKey, Body());
            using var refused = await Sse.PostAsync(commented, Body());
            using var oldKey = await Sse.PostAsync(server.Http, Body()); // key A is no longer configured

            Assert.Equal("completed", (string?)created["status"]);
            await AssertErrorAsync(refused, 401, "invalid_api_key", param: null);
            await AssertErrorAsync(oldKey, 401, "invalid_api_key", param: null);
        }
        finally
        {
            File.Delete(keysFile);
        }
    }

    [Fact]
    public async Task OtherKey_GetDeleteOrListInputItemsOfAResponse_Gets404AndTheOwnerStillSeesIt()
    {
        await using var server = await TestServer.StartAsync();
        using var keyB = server.CreateHttpClient(TestServer.KeyB);
        var id = (string)(await CreateAsync(server.Http, Body()))["id"]!;

        using (var get = await keyB.GetAsync($"/v1/responses/{id}", Ct))
        {
            var error = await AssertErrorAsync(get, 404, code: null, param: null);
            Assert.Equal($"Response with id '{id}' not found.", (string?)error["message"]);
        }

        using (var replay = await keyB.GetAsync($"/v1/responses/{id}?stream=true", Ct))
        {
            await AssertErrorAsync(replay, 404, code: null, param: null);
        }

        using (var items = await keyB.GetAsync($"/v1/responses/{id}/input_items", Ct))
        {
            await AssertErrorAsync(items, 404, code: null, param: null);
        }

        using (var delete = await keyB.DeleteAsync($"/v1/responses/{id}", Ct))
        {
            await AssertErrorAsync(delete, 404, code: null, param: null);
        }

        var chained = Body();
        chained["previous_response_id"] = id;
        await AssertCreateFailsAsync(keyB, chained, "previous_response_not_found", "previous_response_id");

        using var owner = await server.Http.GetAsync($"/v1/responses/{id}", Ct);
        Assert.Equal(200, (int)owner.StatusCode);
    }

    [Fact]
    public void Mask_LongKey_ShowsAtMostFirstEightAndLastFour()
    {
        Assert.Equal("sk-proj-*****wxyz", ApiKeyAuthenticator.Mask("sk-proj-abcdefghijklmnopqrstuvwxyz"));
        Assert.Equal("************", ApiKeyAuthenticator.Mask("abcdefghijkl"));
    }

    [Fact]
    public void ReadKeysFile_MissingFile_ThrowsNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tandem-missing-{Guid.NewGuid():N}.txt");

        var ex = Assert.Throws<FileNotFoundException>(() => ApiKeyAuthenticator.ReadKeysFile(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
