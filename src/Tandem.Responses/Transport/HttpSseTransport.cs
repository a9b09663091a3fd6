using System.Runtime.CompilerServices;
using Tandem.Responses.Auth;
using Tandem.Responses.Diagnostics;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Transport;

/// <summary>
/// One POST per turn on the client's pooled <see cref="HttpClient"/>; the event stream is split by
/// <see cref="Utf8LineReader"/> and <see cref="SseBlockAssembler"/> (the SSE layer tested to agree
/// with <c>SseParser</c>) into rented buffers, each event's data parsed straight from the bytes (no
/// per-event strings or arrays), and every event — known or not — is yielded.
/// </summary>
internal sealed class HttpSseTransport(HttpClient http, ResponsesClientOptions options) : IResponsesTransport
{
    private static readonly KeyValuePair<string, object?> TransportTag = ResponsesDiagnostics.Transport(ResponsesTransportKind.HttpSse);
    private Tuple<string, string>? _bearer;

    public ResponsesTransportKind Kind => ResponsesTransportKind.HttpSse;

    public long ConnectionGeneration => 0;

    public async IAsyncEnumerable<ResponseStreamEvent> StreamAsync(ResponseCreateRequest request, ApiKeyLease key, string? lane, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var message = HttpCore.Create(HttpMethod.Post, options.ResponsesUri, key, options, Bearer(key.Value));
        if (request.Stream is null && request.Type is null && request.StreamId is null)
        {
            // The usual request: written as it is with "stream":true added, instead of a copy per turn.
            message.Content = PooledJsonContent.Create(request, "\"stream\":true"u8);
        }
        else if (request.Stream == true && request.Type is null && request.StreamId is null)
        {
            message.Content = HttpCore.JsonBody(request);
        }
        else
        {
            var body = request.Clone();
            body.Stream = true;
            body.Type = null; // WebSocket-only fields never go over HTTP
            body.StreamId = null;
            message.Content = HttpCore.JsonBody(body);
        }

        message.Headers.TryAddWithoutValidation("Accept", "text/event-stream"); // parsed only if something reads it
        ResponsesDiagnostics.BytesSent.Add(message.Content.Headers.ContentLength ?? 0, TransportTag);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ResponsesConnectionException($"Could not reach {options.ResponsesUri.GetLeftPart(UriPartial.Authority)}: {ex.Message}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await HttpCore.ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            }

            var requestId = RequestId(response);
            var stream = new CountingStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            await using (stream.ConfigureAwait(false))
            {
                var terminal = false;
                using var lines = new Utf8LineReader(stream);
                using var sse = new SseBlockAssembler(blocks: false);
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is IOException or HttpRequestException)
                    {
                        throw new ResponsesConnectionException($"The event stream broke off: {ex.Message}", ex) { RequestId = requestId };
                    }

                    if (!more)
                    {
                        break;
                    }

                    if (!sse.Accept(lines.Line.Span, lines.LineNumber) || IsDone(sse.Data))
                    {
                        continue; // not the end of an event, or a tolerated "[DONE]"
                    }

                    var evt = ProtocolJson.ParseEvent(sse.Data);
                    if (evt is ErrorEvent error)
                    {
                        // An in-stream error (flat SSE shape, or nested under "error"): the turn failed.
                        ResponsesDiagnostics.BytesReceived.Add(stream.BytesRead, TransportTag);
                        throw ResponsesException.FromErrorEvent(error, requestId);
                    }

                    terminal |= evt.IsTerminal;
                    yield return evt;
                    if (terminal)
                    {
                        break; // disposing the response drains the rest; the connection goes back to the pool (HttpConnectionReuseTests)
                    }
                }

                ResponsesDiagnostics.BytesReceived.Add(stream.BytesRead, TransportTag);
                if (!terminal)
                {
                    throw new ResponsesConnectionException("The event stream ended before a terminal event (response.completed, .failed, .incomplete or error).") { RequestId = requestId };
                }
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary><c>Bearer {key}</c>, kept for the last key used (this client's own) instead of formatted per request.</summary>
    private string Bearer(string key)
    {
        var cached = Volatile.Read(ref _bearer);
        if (cached is null || !ReferenceEquals(cached.Item1, key))
        {
            cached = Tuple.Create(key, "Bearer " + key);
            Volatile.Write(ref _bearer, cached);
        }

        return cached.Item2;
    }

    /// <summary>The first <c>x-request-id</c>, read as received: the id is an opaque token, not worth validating copies.</summary>
    private static string? RequestId(HttpResponseMessage response)
    {
        if (response.Headers.NonValidated.TryGetValues("x-request-id", out var values))
        {
            foreach (var value in values)
            {
                return value;
            }
        }

        return null;
    }

    private static bool IsDone(ReadOnlySpan<byte> data) => data.SequenceEqual("[DONE]"u8);
}
