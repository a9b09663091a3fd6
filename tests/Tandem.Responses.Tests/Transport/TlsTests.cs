using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Server.Tests.Support;

namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// Both transports over TLS, as against api.openai.com: the client's own connections
/// (<c>ConnectionThreadStream</c>) carry the TLS handshake, HTTP/2 (by ALPN) and <c>wss</c>; a
/// certificate the client does not trust fails the turn with a clear error instead of hanging.
/// The local server serves HTTPS with a self-signed certificate made here.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private readonly X509Certificate2 _certificate = SelfSigned();

    public void Dispose() => _certificate.Dispose();

    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task OverTls_StreamedTurnsComplete_OnTheTransportAsked(ResponsesTransportKind transport)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartAsync();
        await using var client = Clients.Create(server, transport, o => o.ServerCertificateValidation = TrustOnly(_certificate));

        for (var turn = 0; turn < 3; turn++)
        {
            var text = new StringBuilder();
            ResponseStreamEvent? last = null;
            await foreach (var evt in client.StreamAsync(new ResponseCreateRequest { Model = "scenario/hello", Input = "Hi!" }, cancellationToken: ct))
            {
                if (evt is OutputTextDeltaEvent delta)
                {
                    text.Append(delta.Delta);
                }

                last = evt;
            }

            Assert.Equal(ResponseEventTypes.Completed, last?.Type);
            Assert.StartsWith("Hello from Tandem!", text.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(transport, client.ActiveTransport); // no fallback from wss to HTTP
        Assert.Equal(0, client.Reconnects);
    }

    [Fact]
    public async Task OverTls_TheClientsOwnHttpHandler_NegotiatesHttp2()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartAsync();
        var options = Clients.Options(server, ResponsesTransportKind.HttpSse);
        options.ServerCertificateValidation = TrustOnly(_certificate);
        using var http = new HttpClient(ResponsesClient.CreateHandler(options));

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "/v1/models"))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestServer.KeyA);
            using var response = await http.SendAsync(request, ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(HttpVersion.Version20, response.Version);
            Assert.Contains("\"object\":\"list\"", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task OverTls_ACertificateTheClientDoesNotTrust_FailsWithAConnectionError(ResponsesTransportKind transport)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartAsync();
        await using var client = Clients.Create(server, transport, o =>
        {
            o.MaxRetries = 0;
            o.MaxReconnectAttempts = 0;
        });

        var error = await Assert.ThrowsAsync<ResponsesConnectionException>(
            () => client.CreateAsync(new ResponseCreateRequest { Model = "scenario/hello", Input = "Hi!" }, ct)).WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Contains("SSL", error.Message, StringComparison.Ordinal); // the cause is named, not only "could not connect"
    }

    private Task<TestServer> StartAsync() => TestServer.StartAsync(o =>
    {
        o.Urls.Clear();
        o.Urls.Add("https://127.0.0.1:0");
        o.Certificate = _certificate;
    });

    private static System.Net.Security.RemoteCertificateValidationCallback TrustOnly(X509Certificate2 expected) =>
        (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == expected.GetCertHashString();

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server authentication
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Through PKCS#12, so that the private key is one the TLS stack can use on every platform.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), password: null);
    }
}
