using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tandem.Responses.Protocol;

namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// Connecting on the connection's own thread (<c>ConnectionThreadStream.ConnectAsync</c>): a refused
/// connection and a server that never answers the upgrade fail the way they always did, within
/// <see cref="ResponsesClientOptions.ConnectTimeout"/>, and leave no thread behind. The threads are
/// found by name among the process's (Linux), so these tests run alone.
/// </summary>
[Collection(nameof(ConnectionThreadCollection))]
public sealed class ConnectionThreadStreamConnectTests
{
    // The kernel keeps 15 characters of a thread's name.
    private const string ThreadComm = "Tandem WebSocke";

    [Fact]
    public async Task ConnectionRefused_FailsAsAConnectionError_AndLeavesNoThreadBehind()
    {
        SkipUnlessProcThreads();
        var ct = TestContext.Current.CancellationToken;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var before = ConnectionThreads();
        await using var client = Create(port, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<ResponsesConnectionException>(() => client.CreateAsync(Request(), ct));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Empty(await LeftOverAsync(before, ct));
    }

    [Fact]
    public async Task AServerThatNeverAnswersTheUpgrade_FailsAfterConnectTimeout_AndLeavesNoThreadBehind()
    {
        SkipUnlessProcThreads();
        var ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                accepted.Add(await listener.AcceptSocketAsync(ct)); // held open, never answered
            }
        }, ct);

        var before = ConnectionThreads();
        await using var client = Create(((IPEndPoint)listener.LocalEndpoint).Port, TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();
        var call = client.CreateAsync(Request(), ct);

        // Mid-handshake the connection's thread exists (so the search below can see one).
        var seen = false;
        while (!call.IsCompleted && !seen)
        {
            await Task.Delay(20, ct);
            seen = ConnectionThreads().Except(before).Any();
        }

        var error = await Assert.ThrowsAsync<ResponsesConnectionException>(() => call);
        watch.Stop();

        Assert.True(seen, "no connection thread was seen while the handshake waited");
        Assert.Contains("ConnectTimeout", error.Message, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(15));
        Assert.Empty(await LeftOverAsync(before, ct));
        foreach (var socket in accepted)
        {
            socket.Dispose();
        }
    }

    private static ResponsesClient Create(int port, TimeSpan connectTimeout)
    {
        var options = new ResponsesClientOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{port}/v1/"),
            Transport = ResponsesTransportKind.WebSocket,
            ConnectTimeout = connectTimeout,
            MaxReconnectAttempts = 0,
            MaxRetries = 0,
            KeyProbeInterval = TimeSpan.Zero,
        };
        options.ApiKeys.Add("sk-test-key-aaaaaaaaaaaaaaaa");
        return new ResponsesClient(options);
    }

    private static ResponseCreateRequest Request() => new() { Model = "scenario/hello", Input = "Hi!" };

    private static void SkipUnlessProcThreads()
    {
        if (!Directory.Exists("/proc/self/task"))
        {
            Assert.Skip("The process's threads are listed by name only where /proc/self/task exists (Linux).");
        }
    }

    /// <summary>The ids of the process's threads that are WebSocket connection threads.</summary>
    private static HashSet<string> ConnectionThreads()
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == ThreadComm)
                {
                    found.Add(Path.GetFileName(task));
                }
            }
            catch (IOException)
            {
                // The thread ended while being listed.
            }
        }

        return found;
    }

    /// <summary>Connection threads started since <paramref name="before"/> still running after up to 10 s.</summary>
    private static async Task<string[]> LeftOverAsync(HashSet<string> before, CancellationToken cancellationToken)
    {
        var left = ConnectionThreads().Except(before).ToArray();
        for (var waited = 0; waited < 10_000 && left.Length > 0; waited += 20)
        {
            await Task.Delay(20, cancellationToken);
            left = ConnectionThreads().Except(before).ToArray();
        }

        return left;
    }
}
