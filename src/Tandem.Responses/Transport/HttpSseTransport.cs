using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Tandem.Responses.Auth;
using Tandem.Responses.Diagnostics;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Transport;

/// <summary>
/// One POST per turn on the client's pooled <see cref="HttpClient"/>; the event stream is parsed
/// by <see cref="SseParser"/> straight from the response bytes (no intermediate strings), and
/// every event — known or not — is yielded.
/// </summary>
internal sealed class HttpSseTransport(HttpClient http, ResponsesClientOptions options) : IResponsesTransport
{
    private static readonly KeyValuePair<string, object?> TransportTag = ResponsesDiagnostics.Transport(ResponsesTransportKind.HttpSse);

    public ResponsesTransportKind Kind => ResponsesTransportKind.HttpSse;

    public long ConnectionGeneration => 0;

    public async IAsyncEnumerable<ResponseStreamEvent> StreamAsync(ResponseCreateRequest request, ApiKeyLease key, string? lane, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var body = request;
        if (request.Stream != true || request.Type is not null || request.StreamId is not null)
        {
            body = request.Clone();
            body.Stream = true;
            body.Type = null; // WebSocket-only fields never go over HTTP
            body.StreamId = null;
        }

        using var message = HttpCore.Create(HttpMethod.Post, options.ResponsesUri, key, options);
        message.Content = HttpCore.JsonBody(body);
        message.Headers.Accept.ParseAdd("text/event-stream");
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

            var requestId = response.Headers.TryGetValues("x-request-id", out var ids) ? ids.FirstOrDefault() : null;
            var stream = new CountingStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            await using (stream.ConfigureAwait(false))
            {
                var terminal = false;
                var parser = SseParser.Create(stream, static (_, data) => IsDone(data) ? null : ProtocolJson.ParseEvent(data));
                await using var items = parser.EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await items.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is IOException or HttpRequestException)
                    {
                        throw new ResponsesConnectionException($"The event stream broke off: {ex.Message}", ex) { RequestId = requestId };
                    }

                    if (!more)
                    {
                        break;
                    }

                    if (items.Current.Data is not { } evt)
                    {
                        continue; // a tolerated "[DONE]"
                    }

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

    private static bool IsDone(ReadOnlySpan<byte> data) => data.SequenceEqual("[DONE]"u8);
}
