using System.Runtime.CompilerServices;
using Tandem.Responses.Diagnostics;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;
using Tandem.Responses.Resilience;
using Tandem.Responses.Transport;

namespace Tandem.Responses;

/// <summary>The HTTP-only calls: retrieve, delete, list input items, and the key probe.</summary>
public sealed partial class ResponsesClient
{
    /// <summary><c>GET /v1/responses/{id}</c>.</summary>
    public Task<ResponseObject> GetAsync(string responseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(responseId);
        return ExecuteHttpAsync<object?, ResponseObject>(HttpMethod.Get, ResponseUri(responseId), null,
            static (client, message, ct) => client.ReadJsonAsync<ResponseObject>(message, ct), cancellationToken);
    }

    /// <summary><c>DELETE /v1/responses/{id}</c>.</summary>
    public Task<ResponseDeleted> DeleteAsync(string responseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(responseId);
        return ExecuteHttpAsync<object?, ResponseDeleted>(HttpMethod.Delete, ResponseUri(responseId), null,
            static (client, message, ct) => client.ReadJsonAsync<ResponseDeleted>(message, ct), cancellationToken);
    }

    /// <summary>One page of <c>GET /v1/responses/{id}/input_items</c>.</summary>
    public Task<ResponseItemList> ListInputItemsPageAsync(string responseId, int limit = 20, bool ascending = false, string? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(responseId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 100);
        var query = $"?limit={limit}&order={(ascending ? "asc" : "desc")}" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after));
        var uri = new Uri(ResponseUri(responseId) + "/input_items" + query);
        return ExecuteHttpAsync<object?, ResponseItemList>(HttpMethod.Get, uri, null,
            static (client, message, ct) => client.ReadJsonAsync<ResponseItemList>(message, ct), cancellationToken);
    }

    /// <summary>Every input item of a response, page by page (<c>limit</c>/<c>after</c> paging).</summary>
    public async IAsyncEnumerable<ResponseItem> ListInputItemsAsync(string responseId, bool ascending = false, int pageSize = 20, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        while (true)
        {
            var page = await ListInputItemsPageAsync(responseId, pageSize, ascending, after, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Data)
            {
                yield return item;
            }

            if (!page.HasMore || page.LastId is null)
            {
                yield break;
            }

            after = page.LastId;
        }
    }

    private Uri ResponseUri(string id) => new(_options.ResponsesUri + "/" + Uri.EscapeDataString(id));

    private async Task<T> ReadJsonAsync<T>(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await HttpCore.ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        ResponsesDiagnostics.BytesReceived.Add(bytes.Length, ResponsesDiagnostics.Transport(ResponsesTransportKind.HttpSse));
        return ProtocolJson.Deserialize<T>(bytes) ?? throw new ResponsesException((int)response.StatusCode, "The server answered with an empty body.");
    }

    /// <summary>An HTTP call under the retry policy and the key pool.</summary>
    private async Task<TResult> ExecuteHttpAsync<TBody, TResult>(HttpMethod method, Uri uri, TBody body, Func<ResponsesClient, HttpRequestMessage, CancellationToken, Task<TResult>> send, CancellationToken cancellationToken)
    {
        var context = Polly.ResilienceContextPool.Shared.Get(cancellationToken);
        var state = new CallState();
        context.Properties.Set(CallState.Key, state);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ctx, s) =>
                {
                    var (self, method, uri, body, send, state) = s;
                    var lease = self._keys.Current();
                    state.Lease = lease;
                    using var message = HttpCore.Create(method, uri, lease, self._options);
                    if (body is not null)
                    {
                        message.Content = HttpCore.JsonBody(body);
                        ResponsesDiagnostics.BytesSent.Add(message.Content.Headers.ContentLength ?? 0, ResponsesDiagnostics.Transport(ResponsesTransportKind.HttpSse));
                    }

                    try
                    {
                        var result = await send(self, message, ctx.CancellationToken).ConfigureAwait(false);
                        self._keys.ReportSuccess(lease);
                        return result;
                    }
                    catch (HttpRequestException ex)
                    {
                        throw new ResponsesConnectionException($"Could not reach {uri.GetLeftPart(UriPartial.Authority)}: {ex.Message}", ex);
                    }
                },
                context,
                (this, method, uri, body, send, state)).ConfigureAwait(false);
        }
        catch (ResponsesException ex)
        {
            throw Scrubbed(ex);
        }
        finally
        {
            Polly.ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The key pool's health probe: <c>GET /v1/models</c> with the key; 200 means it works.</summary>
    private async Task<bool> ProbeKeyAsync(string key, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, _options.ModelsUri);
        HttpCore.Authenticate(message.Headers, key, _options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }
}
