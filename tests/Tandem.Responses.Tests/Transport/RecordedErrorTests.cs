using System.Text.Json;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;
using Tandem.Responses.Tests.Support;
using Tandem.TestSupport;

namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// Every recorded OpenAI error answer (400, 401, 404…) and plain JSON answer, served by a fake
/// handler to the client's real HTTP path, maps to the exception or object the recording says.
/// </summary>
public sealed class RecordedErrorTests
{
    public static TheoryData<string> ErrorFolders() => Recorded.ErrorFolders();

    /// <summary>200 JSON answers the client has a call for: POST /responses, GET and DELETE /responses/{id}.</summary>
    public static TheoryData<string> JsonFolders() => new(Recorded.JsonFolders().Select(r => r.Data).Where(f =>
    {
        var (method, uri) = Recorded.RequestLine(f);
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        return method == "POST" ? segments is [_, "responses"] : segments is [_, "responses", _];
    }));

    [Fact]
    public void ErrorFolders_RecordedCorpus_HoldsEveryErrorStatusOfTheIndex()
    {
        var statuses = ErrorFolders().Select(r => Recorded.Status(r.Data)).ToHashSet();
        Assert.Superset(new HashSet<int> { 400, 401, 404 }, statuses);
    }

    [Theory]
    [MemberData(nameof(ErrorFolders))]
    public async Task StreamAsync_RecordedErrorAnswer_ThrowsExceptionWithStatusTypeCodeAndParam(string folder)
    {
        var expected = RecordedError(folder);
        var handler = new ScriptedHandler(_ => Recorded.Answer(folder));
        await using var client = FakeHttp.Client(handler);

        var ex = await Assert.ThrowsAsync<ResponsesException>(async () =>
        {
            await foreach (var _ in client.StreamAsync(new ResponseCreateRequest { Model = "gpt-4o", Input = "x" }, cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        });

        AssertMatches(folder, expected, ex);
        Assert.False(ex.OutputStarted);
        Assert.All(handler.Requests, r => Assert.Equal(HttpMethod.Post, r.Method));
        // 4xx are not retried, except a 401 once on the same key (transient 401s exist).
        Assert.Equal(Recorded.Status(folder) == 401 ? 2 : 1, handler.Count);
    }

    [Theory]
    [MemberData(nameof(ErrorFolders))]
    public async Task RecordedCall_RecordedErrorAnswer_ThrowsExceptionFromTheRecordedMethod(string folder)
    {
        var expected = RecordedError(folder);
        var (method, uri) = Recorded.RequestLine(folder);
        var handler = new ScriptedHandler(_ => Recorded.Answer(folder));
        await using var client = FakeHttp.Client(handler);
        var ct = TestContext.Current.CancellationToken;
        var id = uri.Segments[^1];

        Func<Task> call = method switch
        {
            "GET" => () => client.GetAsync(id, ct),
            "DELETE" => () => client.DeleteAsync(id, ct),
            _ => () => client.CreateAsync(new ResponseCreateRequest { Model = "gpt-4o", Input = "x" }, ct),
        };
        var ex = await Assert.ThrowsAsync<ResponsesException>(call);

        AssertMatches(folder, expected, ex);
        Assert.All(handler.Requests, r =>
        {
            Assert.Equal(method, r.Method.Method);
            Assert.Equal(uri.AbsolutePath, r.Uri.AbsolutePath);
        });
    }

    [Fact]
    public async Task DeleteAsync_RecordedGetOf404_MapsTheSameBodyForEveryMethod()
    {
        // The only recorded 404 is a GET; the same answer to a DELETE (an unknown id) maps alike.
        const string Folder = "openai-dotnet-error-404-store-false";
        var handler = new ScriptedHandler(_ => Recorded.Answer(Folder));
        await using var client = FakeHttp.Client(handler);

        var ex = await Assert.ThrowsAsync<ResponsesException>(() => client.DeleteAsync("resp_unknown", TestContext.Current.CancellationToken));

        Assert.Equal(404, ex.Status);
        Assert.Equal("invalid_request_error", ex.ErrorType);
        Assert.Null(ex.Code);
        Assert.Equal(HttpMethod.Delete, Assert.Single(handler.Requests).Method);
    }

    [Theory]
    [MemberData(nameof(JsonFolders))]
    public async Task RecordedCall_RecordedJsonAnswer_ReturnsTheRecordedObject(string folder)
    {
        var json = File.ReadAllText(Fixtures.RecordedFile(folder, "response.json"));
        var (method, uri) = Recorded.RequestLine(folder);
        var handler = new ScriptedHandler(_ => Recorded.Answer(folder));
        await using var client = FakeHttp.Client(handler);
        var ct = TestContext.Current.CancellationToken;

        string written = method switch
        {
            "GET" => ProtocolJson.Serialize(await client.GetAsync(uri.Segments[^1], ct)),
            "DELETE" => ProtocolJson.Serialize(await client.DeleteAsync(uri.Segments[^1], ct)),
            _ => ProtocolJson.Serialize(await client.CreateAsync(new ResponseCreateRequest { Model = "gpt-4o", Input = "x" }, ct)),
        };

        Streaming.RecordedTrafficTests.AssertJsonEqual(json, written, folder);
        var seen = Assert.Single(handler.Requests);
        Assert.Equal(method, seen.Method.Method);
        Assert.Equal(uri.AbsolutePath, seen.Uri.AbsolutePath);
    }

    private static void AssertMatches(string folder, ApiError expected, ResponsesException ex)
    {
        Assert.Equal(Recorded.Status(folder), ex.Status);
        Assert.Equal(expected.Type, ex.ErrorType);
        Assert.Equal(expected.Code, ex.Code);
        Assert.Equal(expected.Param, ex.Param);
        Assert.Equal(expected.Message, ex.Message);
        Assert.False(ex.IsRetryable);
    }

    private static ApiError RecordedError(string folder)
    {
        var json = File.ReadAllText(Fixtures.RecordedFile(folder, "response.json"));
        var error = ProtocolJson.Deserialize<ApiErrorResponse>(json)?.Error;
        Assert.NotNull(error);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(doc.RootElement.GetProperty("error").GetProperty("type").GetString(), error.Type);
        return error;
    }
}
