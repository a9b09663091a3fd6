using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Tandem.TestSupport;

namespace Tandem.Cli.Tests.Commands;

/// <summary>
/// <c>tandem serve</c> as a newcomer runs it: a real subprocess, a real port, a streamed answer.
/// </summary>
public sealed partial class ServeCommandTests
{
    private static string TandemDll => Path.Combine(AppContext.BaseDirectory, "tandem.dll");

    [Fact]
    public async Task Serve_OnAFreePort_StreamsTheScriptedHelloOverSse()
    {
        using var process = Start("serve", "--urls", "http://127.0.0.1:0", "--quiet", "--scenarios", Fixtures.Scenarios);
        try
        {
            var address = await ReadListeningAddressAsync(process);
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            using var content = new StringContent("""{"model":"scenario/hello","input":"Hi!","stream":true}""", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("/v1/responses", content, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("event: response.created\ndata: {", body, StringComparison.Ordinal);
            Assert.Contains("event: response.output_text.delta", body, StringComparison.Ordinal);
            Assert.EndsWith("\n\n", body, StringComparison.Ordinal);
            Assert.Contains("event: response.completed", body, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Serve_UnknownProfile_ExitsWithAnErrorNamingIt()
    {
        using var process = Start("serve", "--urls", "http://127.0.0.1:0", "--profile", "no-such-profile");
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("no-such-profile", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadStoreSpec_ExitsWithAnErrorNamingIt()
    {
        using var process = Start("serve", "--urls", "http://127.0.0.1:0", "--store", "redis://x");
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("redis://x", stderr, StringComparison.Ordinal);
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Fixtures.Root,
        };
        info.ArgumentList.Add(TandemDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start tandem");
    }

    private static async Task<string> ReadListeningAddressAsync(Process process)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            var match = ListeningPattern().Match(line);
            if (match.Success)
            {
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException("tandem serve exited before listening: " + await process.StandardError.ReadToEndAsync(cts.Token));
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ListeningPattern();
}
