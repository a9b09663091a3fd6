using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tandem.TestSupport;

namespace Tandem.Responses.Tests.Support;

/// <summary>One request as a fake handler saw it.</summary>
public sealed record SeenRequest(HttpMethod Method, Uri Uri, string? Authorization, string? Body);

/// <summary>
/// A fake <see cref="HttpMessageHandler"/> that answers the n-th request with the n-th step of a
/// script (the last step repeats), and remembers every request. A step may throw (e.g.
/// <see cref="HttpRequestException"/>) to play a connection failure.
/// </summary>
public sealed class ScriptedHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] script) : HttpMessageHandler
{
    private readonly ConcurrentQueue<SeenRequest> _seen = new();
    private int _count;

    public IReadOnlyList<SeenRequest> Requests => [.. _seen];

    public int Count => Volatile.Read(ref _count);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        _seen.Enqueue(new SeenRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        var response = script[Math.Min(index, script.Length - 1)](request);
        response.RequestMessage = request;
        return response;
    }
}

/// <summary>Builds answers for <see cref="ScriptedHandler"/> and clients that use it.</summary>
public static class FakeHttp
{
    public const string Key = "sk-fake-handler-key-0123456789";

    /// <summary>A client on the real HTTP+SSE path whose network is <paramref name="handler"/>.</summary>
    public static ResponsesClient Client(HttpMessageHandler handler, Action<ResponsesClientOptions>? configure = null)
    {
        var options = new ResponsesClientOptions
        {
            BaseUrl = new Uri("https://api.openai.com/v1/"),
            Transport = ResponsesTransportKind.HttpSse,
            HttpHandler = handler,
            UnauthorizedRetryDelay = TimeSpan.FromMilliseconds(1),
            KeyProbeInterval = TimeSpan.Zero,
        };
        options.ApiKeys.Add(Key);
        configure?.Invoke(options);
        return new ResponsesClient(options);
    }

    /// <summary>An answer with <paramref name="status"/>, a body and headers (content headers go where they belong).</summary>
    public static HttpResponseMessage Answer(int status, byte[] body, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        Answer(status, new MemoryStream(body), headers);

    public static HttpResponseMessage Answer(int status, Stream body, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StreamContent(body) };
        foreach (var (name, value) in headers ?? [])
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    /// <summary>An error answer in OpenAI's shape.</summary>
    public static HttpResponseMessage Error(int status, string type, string? code, string message = "scripted error", string? param = null, params (string Name, string Value)[] headers)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["error"] = new Dictionary<string, object?> { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code },
        });
        return Answer(status, Encoding.UTF8.GetBytes(body), headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).Append(new("content-type", "application/json")));
    }

    /// <summary>A 200 event stream of <paramref name="body"/>.</summary>
    public static HttpResponseMessage EventStream(Stream body) =>
        Answer(200, body, [new("content-type", "text/event-stream; charset=utf-8")]);

    public static HttpResponseMessage EventStream(string sse) => EventStream(new MemoryStream(Encoding.UTF8.GetBytes(sse)));

    /// <summary>SSE framing (<c>event:</c> + <c>data:</c> + blank line) of JSON event payloads.</summary>
    public static string Sse(IEnumerable<string> jsonEvents)
    {
        var sb = new StringBuilder();
        foreach (var json in jsonEvents)
        {
            using var doc = JsonDocument.Parse(json);
            sb.Append("event: ").Append(doc.RootElement.GetProperty("type").GetString()).Append('\n');
            sb.Append("data: ").Append(json).Append("\n\n");
        }

        return sb.ToString();
    }

    /// <summary>A minimal, canonical text turn (created … completed) with the given deltas.</summary>
    public static List<string> TextTurn(string id, params string[] deltas)
    {
        var text = string.Concat(deltas);
        var seq = 0;
        JsonObject Response(string status, JsonArray output) => new()
        {
            ["id"] = id, ["object"] = "response", ["created_at"] = 1, ["status"] = status, ["model"] = "gpt-test", ["output"] = output,
        };
        JsonObject Part(string t) => new() { ["type"] = "output_text", ["annotations"] = new JsonArray(), ["text"] = t };
        JsonObject Message(string status, JsonArray content) => new()
        {
            ["id"] = "msg_1", ["type"] = "message", ["status"] = status, ["content"] = content, ["role"] = "assistant",
        };
        string Event(string type, JsonObject fields)
        {
            var evt = new JsonObject { ["type"] = type, ["sequence_number"] = seq++ };
            foreach (var (name, value) in fields.ToList())
            {
                fields.Remove(name);
                evt[name] = value;
            }

            return evt.ToJsonString();
        }

        JsonObject At(JsonObject extra)
        {
            var o = new JsonObject { ["item_id"] = "msg_1", ["output_index"] = 0, ["content_index"] = 0 };
            foreach (var (name, value) in extra.ToList())
            {
                extra.Remove(name);
                o[name] = value;
            }

            return o;
        }

        var events = new List<string>
        {
            Event("response.created", new() { ["response"] = Response("in_progress", []) }),
            Event("response.in_progress", new() { ["response"] = Response("in_progress", []) }),
            Event("response.output_item.added", new() { ["output_index"] = 0, ["item"] = Message("in_progress", []) }),
            Event("response.content_part.added", At(new() { ["part"] = Part(string.Empty) })),
        };
        events.AddRange(deltas.Select(d => Event("response.output_text.delta", At(new() { ["delta"] = d }))));
        events.Add(Event("response.output_text.done", At(new() { ["text"] = text })));
        events.Add(Event("response.content_part.done", At(new() { ["part"] = Part(text) })));
        events.Add(Event("response.output_item.done", new() { ["output_index"] = 0, ["item"] = Message("completed", [Part(text)]) }));
        events.Add(Event("response.completed", new() { ["response"] = Response("completed", [Message("completed", [Part(text)])]) }));
        return events;
    }
}

/// <summary>The recorded OpenAI traffic of tests/fixtures/recorded, served back as it was recorded.</summary>
public static class Recorded
{
    public static int Status(string folder) => int.Parse(File.ReadAllText(Fixtures.RecordedFile(folder, "status.txt")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The method and URL of <c>request-line.txt</c>.</summary>
    public static (string Method, Uri Uri) RequestLine(string folder)
    {
        var parts = File.ReadAllText(Fixtures.RecordedFile(folder, "request-line.txt")).Trim().Split(' ', 2);
        return (parts[0], new Uri(parts[1]));
    }

    public static List<KeyValuePair<string, string>> Headers(string folder)
    {
        var path = Fixtures.RecordedFile(folder, "response-headers.json");
        if (!File.Exists(path))
        {
            return [];
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToList();
    }

    /// <summary>The body bytes: response.sse or response.json as recorded.</summary>
    public static byte[] Body(string folder)
    {
        var sse = Fixtures.RecordedFile(folder, "response.sse");
        return File.ReadAllBytes(File.Exists(sse) ? sse : Fixtures.RecordedFile(folder, "response.json"));
    }

    /// <summary>The recorded answer: status, headers and body bytes.</summary>
    public static HttpResponseMessage Answer(string folder) => FakeHttp.Answer(Status(folder), Body(folder), Headers(folder));

    /// <summary>Folders holding a streamed 200 answer (response.sse).</summary>
    public static TheoryData<string> StreamFolders() => new(Folders().Where(f => File.Exists(Fixtures.RecordedFile(f, "response.sse")) && Status(f) == 200));

    /// <summary>Folders whose recorded status is an error.</summary>
    public static TheoryData<string> ErrorFolders() => new(Folders().Where(f => Status(f) != 200));

    /// <summary>Folders holding a plain JSON 200 answer.</summary>
    public static TheoryData<string> JsonFolders() => new(Folders().Where(f => File.Exists(Fixtures.RecordedFile(f, "response.json")) && Status(f) == 200));

    private static IEnumerable<string> Folders() =>
        Directory.GetDirectories(Fixtures.Recorded)
            .Where(d => File.Exists(Path.Combine(d, "status.txt")))
            .Select(Path.GetFileName)
            .Select(f => f!)
            .Order(StringComparer.Ordinal);
}

/// <summary>A response body that serves <paramref name="prefix"/> and then breaks like a dropped connection.</summary>
public sealed class BreakingStream(byte[] prefix) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= prefix.Length)
        {
            throw new IOException("The connection was reset (scripted).");
        }

        var n = Math.Min(buffer.Length, prefix.Length - _position);
        prefix.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
