using Tandem.Responses.Auth;
using Tandem.Responses.Protocol;

namespace Tandem.Responses.Transport;

/// <summary>
/// Carries one <c>response.create</c> and yields its events up to and including the terminal one.
/// Errors the server answers surface as <see cref="ResponsesException"/>; a connection that fails
/// before the terminal event as <see cref="ResponsesConnectionException"/>.
/// </summary>
internal interface IResponsesTransport : IAsyncDisposable
{
    ResponsesTransportKind Kind { get; }

    /// <summary>
    /// Changes whenever server-side connection state (the WebSocket connection cache) is lost:
    /// a chain that relied on it must replay. Constant over HTTP, which has none.
    /// </summary>
    long ConnectionGeneration { get; }

    IAsyncEnumerable<ResponseStreamEvent> StreamAsync(ResponseCreateRequest request, ApiKeyLease key, string? lane, CancellationToken cancellationToken);
}
