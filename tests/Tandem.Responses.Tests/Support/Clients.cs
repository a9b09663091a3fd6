using Tandem.Server.Tests.Support;

namespace Tandem.Responses.Tests.Support;

/// <summary>Clients of the real local server, one per transport.</summary>
public static class Clients
{
    public static TheoryData<ResponsesTransportKind> BothTransports() => new(ResponsesTransportKind.HttpSse, ResponsesTransportKind.WebSocket);

    public static ResponsesClientOptions Options(TestServer server, ResponsesTransportKind transport, string key = TestServer.KeyA)
    {
        var options = new ResponsesClientOptions
        {
            BaseUrl = new Uri(server.BaseAddress, "/v1/"),
            Transport = transport,
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
            UnauthorizedRetryDelay = TimeSpan.FromMilliseconds(10),
            KeyProbeInterval = TimeSpan.Zero, // tests probe explicitly
        };
        options.ApiKeys.Add(key);
        return options;
    }

    public static ResponsesClient Create(TestServer server, ResponsesTransportKind transport, Action<ResponsesClientOptions>? configure = null)
    {
        var options = Options(server, transport);
        configure?.Invoke(options);
        return new ResponsesClient(options);
    }
}
