using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tandem.Bench.Capacity;

/// <summary><c>dotnet tandem.dll serve --quiet</c> as a child process, measured through <c>/proc</c>.</summary>
internal sealed class ChildProcessCapacityServer : CapacityServer
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly string _commandLine;
    private readonly Queue<string> _output;
    private int? _baselineSockets;

    private ChildProcessCapacityServer(Process process, string commandLine, Uri baseUri, string apiKey, Queue<string> output)
    {
        _process = process;
        _commandLine = commandLine;
        BaseUri = baseUri;
        ApiKey = apiKey;
        _output = output;
    }

    public override CapacityServerMode Mode => CapacityServerMode.ChildProcess;

    public int ProcessId => _process.Id;

    public override string Description => $"child process pid {_process.Id}: {_commandLine}";

    public override Uri BaseUri { get; }

    public override string? ApiKey { get; }

    public override string? FileLimit => ProcFs.OpenFilesLimit(_process.Id);

    public static async Task<ChildProcessCapacityServer> StartAsync(string assemblyPath, CapacityOptions options, string apiKey, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var dotnet = DotnetHost();
        var start = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
        };
        string[] arguments = [assemblyPath, "serve", "--urls", url, "--quiet", "--profile", options.Profile, "--key", apiKey];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in options.ChildEnvironment)
        {
            start.Environment[name] = value;
        }

        var environment = string.Concat(options.ChildEnvironment.Select(e => $"{e.Key}={e.Value} "));
        var commandLine = $"{environment}{dotnet} {string.Join(' ', arguments.Select(a => a == apiKey ? "<key>" : a))}";

        var output = new Queue<string>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.Enqueue(e.Data);
                if (output.Count > 50)
                {
                    output.Dequeue();
                }
            }

            if (e.Data.Contains("listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The server exited with code {process.ExitCode} before listening."));
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {commandLine}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ChildProcessCapacityServer(process, commandLine, new Uri(url + "/"), apiKey, output);
        try
        {
            await listening.Task.WaitAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            var log = server.RecentOutput();
            await server.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"{ex.Message} ({commandLine}). Its output:{Environment.NewLine}{log}", ex);
        }

        server._baselineSockets = ProcFs.CountDescriptors(process.Id, socketsOnly: true);
        return server;
    }

    /// <summary>The server's last output lines (its log is quiet unless something goes wrong).</summary>
    public string RecentOutput()
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output);
        }
    }

    public override ServerMemorySample? SampleMemory(bool collect) => ProcFs.Sample(_process.Id);

    public override double? CpuSeconds() => ProcFs.CpuSeconds(_process.Id);

    public override int? ConnectionGauge() =>
        ProcFs.CountDescriptors(_process.Id, socketsOnly: true) is { } sockets ? sockets - (_baselineSockets ?? 0) : null;

    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // Ctrl+C for the server: it stops gracefully on SIGTERM.
                using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
                {
                    if (term is not null)
                    {
                        await term.WaitForExitAsync().ConfigureAwait(false);
                    }
                }

                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The running <c>dotnet</c> host when there is one, else <c>dotnet</c> on the PATH.</summary>
    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }
}
