using System.Net.Http;
using System.Net.WebSockets;

namespace Tandem.Bench.Capacity;

/// <summary>
/// Opens WebSocket-mode connections to the server under test through one shared handler, so each
/// connection costs a socket and a <see cref="ClientWebSocket"/>, nothing more.
/// </summary>
internal sealed class CapacityConnector : IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly Uri _uri;
    private readonly string? _apiKey;
    private readonly TimeSpan _timeout;

    public CapacityConnector(Uri webSocketUri, string? apiKey, TimeSpan timeout)
    {
        _uri = webSocketUri;
        _apiKey = apiKey;
        _timeout = timeout;
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectTimeout = timeout,
            UseProxy = false,
            UseCookies = false,
        });
    }

    public async Task<ClientWebSocket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            // The server pings idle sockets; the client sends none, so it adds no timers of its own.
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            if (_apiKey is not null)
            {
                socket.Options.SetRequestHeader("Authorization", "Bearer " + _apiKey);
            }

            socket.Options.SetRequestHeader("OpenAI-Beta", "responses_websockets=2026-02-06");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            await socket.ConnectAsync(_uri, _invoker, timeout.Token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A clean close (close frame both ways), bounded by the timeout; false when it had to abort.</summary>
    public async Task<bool> CloseAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            if (socket.State == WebSocketState.Open)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty, timeout.Token).ConfigureAwait(false);
            }

            return socket.State == WebSocketState.Closed;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Abort();
            return false;
        }
        finally
        {
            socket.Dispose();
        }
    }

    public void Dispose() => _invoker.Dispose();
}
