using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tandem.Responses.Auth;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Transport;

/// <summary>What every HTTP call shares: authentication, headers, bodies and error mapping.</summary>
internal static class HttpCore
{
    public static HttpRequestMessage Create(HttpMethod method, Uri uri, ApiKeyLease key, ResponsesClientOptions options, string? bearer = null)
    {
        var message = new HttpRequestMessage(method, uri);
        if (bearer is not null && !options.UsesAzureKeyHeader)
        {
            // The header value made once per key (Bearer): equal on the wire, and read back alike.
            message.Headers.TryAddWithoutValidation("Authorization", bearer);
        }
        else
        {
            Authenticate(message.Headers, key.Value, options);
        }

        foreach (var (name, value) in options.DefaultHeaders)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    public static void Authenticate(HttpRequestHeaders headers, string key, ResponsesClientOptions options)
    {
        if (options.UsesAzureKeyHeader)
        {
            headers.TryAddWithoutValidation("api-key", key);
        }
        else
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }

    /// <summary>The request as UTF-8 JSON, serialised once into a pooled, exactly sized body.</summary>
    public static HttpContent JsonBody<T>(T value) => PooledJsonContent.Create(value);

    /// <summary>Reads an error answer into a <see cref="ResponsesException"/> (OpenAI's body, or whatever text came).</summary>
    public static async Task<ResponsesException> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var headers = Headers(response);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        ApiError? error = null;
        try
        {
            error = body.Length > 0 ? ProtocolJson.Deserialize<ApiErrorResponse>(body)?.Error : null;
        }
        catch (JsonException)
        {
            // Not OpenAI's error shape (a proxy's HTML page, say): keep the text as the message.
        }

        var fallback = body.Length == 0
            ? $"The server answered {(int)response.StatusCode} {response.ReasonPhrase} with no body."
            : $"The server answered {(int)response.StatusCode} {response.ReasonPhrase}: {Truncate(Encoding.UTF8.GetString(body))}";
        return ResponsesException.From((int)response.StatusCode, error, headers, fallback);
    }

    public static Dictionary<string, string> Headers(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers)
        {
            headers[name] = string.Join(",", values);
        }

        foreach (var (name, values) in response.Content.Headers)
        {
            headers[name] = string.Join(",", values);
        }

        return headers;
    }

    private static string Truncate(string s) => s.Length <= 500 ? s : s[..500] + "…";
}
