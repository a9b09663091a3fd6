using System.Net.WebSockets;
using Tandem.Server.Tests.Support;
using Tandem.Voice.Recognition;

namespace Tandem.Server.Tests.Realtime.Support;

/// <summary>A real Kestrel host whose Realtime models are test recognisers (or the real ones), and Realtime clients for it.</summary>
public sealed class RealtimeTestServer : IAsyncDisposable
{
    private RealtimeTestServer(TestServer server) => Server = server;

    public TestServer Server { get; }

    public TandemServerHost Host => Server.Host;

    /// <summary>
    /// A server whose models <c>sphinx-lm</c> and <c>sphinx-alnum</c> are both <paramref name="recognizer"/>
    /// (null: the real PocketSphinx ones), speech output as silence unless <paramref name="speak"/>.
    /// </summary>
    public static async Task<RealtimeTestServer> StartAsync(ISpeechRecognizer? recognizer, Action<TandemServerOptions>? configure = null, bool speak = false)
    {
        var server = await TestServer.StartAsync(o =>
        {
            if (recognizer is not null)
            {
                o.Realtime.Models[RecognizerProfiles.SphinxLmName] = _ => recognizer;
                o.Realtime.Models[RecognizerProfiles.SphinxAlnumName] = _ => recognizer;
            }

            o.Realtime.SynthesizeSpeech = speak;
            configure?.Invoke(o);
        });
        return new RealtimeTestServer(server);
    }

    /// <summary>Connects to <c>/v1/realtime?model=…</c> with key A and reads <c>session.created</c>.</summary>
    public async Task<(RealtimeTestClient Client, System.Text.Json.Nodes.JsonObject Created)> ConnectAsync(string model = RecognizerProfiles.SphinxLmName)
    {
        var client = await OpenAsync(model, TestServer.KeyA);
        var created = await client.ExpectAsync("session.created");
        return (client, created);
    }

    public async Task<RealtimeTestClient> OpenAsync(string? model, string? key)
    {
        var socket = new ClientWebSocket();
        if (key is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + key);
        }

        var uri = model is null ? Host.RealtimeUri : new Uri(Host.RealtimeUri + "?model=" + Uri.EscapeDataString(model));
        await socket.ConnectAsync(uri, TestContext.Current.CancellationToken);
        return new RealtimeTestClient(socket);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
