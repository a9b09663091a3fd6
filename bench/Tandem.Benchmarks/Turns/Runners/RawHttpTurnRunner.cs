using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using Tandem.Benchmarks.Infrastructure;

namespace Tandem.Benchmarks.Turns.Runners;

/// <summary>
/// The HTTP floor: one pooled <see cref="HttpClient"/>, a prebuilt body, and an
/// <see cref="SseParser"/> that reads each event's <c>type</c> and nothing else.
/// </summary>
public sealed class RawHttpTurnRunner : ITurnRunner
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly Uri _uri;
    private readonly byte[] _body;

    public RawHttpTurnRunner(Uri baseAddress, History? history)
    {
        _uri = new Uri(baseAddress, "/v1/responses");
        _body = TurnRequests.HttpBody(history?.Items);
        _http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", TurnRequests.Authorization);
        _http.DefaultRequestHeaders.Accept.ParseAdd("text/event-stream");
    }

    public Task InitializeAsync() => RunTurnAsync();

    public async Task<int> RunTurnAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _uri);
        request.Content = new ByteArrayContent(_body);
        request.Content.Headers.ContentType = Json;
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var count = 0;
            await foreach (var item in SseParser.Create(stream, static (_, data) => EventTypeReader.Read(data)).EnumerateAsync().ConfigureAwait(false))
            {
                count++;
                switch (item.Data)
                {
                    case EventKind.Completed:
                        return count;
                    case EventKind.Failed:
                        throw new InvalidOperationException("The turn failed.");
                }
            }
        }

        throw new InvalidOperationException("The stream ended before response.completed.");
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
