using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tandem.Agents.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster: initdb into a temp folder (data, socket and log), started with
/// pg_ctl on a free loopback port, tuned for speed over safety (fsync off, small shared buffers).
/// When the tests run as root it runs as <c>runAs</c>, because the server refuses to run as root.
/// </summary>
internal sealed class PostgresCluster
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _bin;
    private readonly string _folder;
    private readonly string? _runAs;

    private PostgresCluster(string bin, string folder, string? runAs, int port)
    {
        _bin = bin;
        _folder = folder;
        _runAs = runAs;
        Port = port;
    }

    public int Port { get; }

    private string Data => Path.Combine(_folder, "data");

    /// <summary>The bin folder of the newest installed major version with initdb and pg_ctl, or null.</summary>
    public static string? FindServerBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    /// <exception cref="InvalidOperationException">The cluster could not be created or started; the message says why.</exception>
    public static async Task<PostgresCluster> CreateAsync(string bin, string? runAs)
    {
        var folder = Directory.CreateTempSubdirectory("tandem-pg-").FullName;
        try
        {
            if (runAs is not null)
            {
                var chown = await RunAsync("chown", [runAs, folder], null, null).ConfigureAwait(false);
                if (chown.ExitCode != 0)
                {
                    throw new InvalidOperationException($"chown {runAs} {folder} failed: {chown.Output.Trim()}");
                }
            }

            var cluster = new PostgresCluster(bin, folder, runAs, 0);

            // --no-sync and trust: the cluster is thrown away and only listens on loopback.
            var init = await cluster.PgAsync("initdb", ["-D", cluster.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]).ConfigureAwait(false);
            if (init.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed ({init.ExitCode}): {Tail(init.Output)}");
            }

            // The port is free when chosen but may be taken before the server binds it: try a few.
            var failure = "";
            var log = Path.Combine(folder, "server.log");
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var port = FreeLoopbackPort();
                var options = string.Join(' ',
                    $"-p {port}",
                    "-c listen_addresses=127.0.0.1",
                    $"-c unix_socket_directories={folder}",
                    "-c fsync=off",
                    "-c full_page_writes=off",
                    "-c shared_buffers=16MB",
                    "-c max_connections=200");
                var start = await cluster.PgAsync("pg_ctl", ["-D", cluster.Data, "-l", log, "-o", options, "-w", "-t", "30", "start"]).ConfigureAwait(false);
                if (start.ExitCode == 0)
                {
                    return new PostgresCluster(bin, folder, runAs, port);
                }

                var serverLog = File.Exists(log) ? Tail(await File.ReadAllTextAsync(log).ConfigureAwait(false)) : "";
                failure = $"pg_ctl start failed ({start.ExitCode}): {Tail(start.Output)} {serverLog}";
            }

            throw new InvalidOperationException(failure);
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    public async Task StopAsync()
    {
        // Immediate: the data is thrown away, so there is nothing to checkpoint.
        await PgAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "-t", "30", "stop"]).ConfigureAwait(false);
        TryDelete(_folder);
    }

    /// <summary>Runs a program, as <paramref name="runAs"/> when given (via runuser, else su), and captures its output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, string? runAs, string? workingDirectory)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // The user the server runs as may not be allowed into the current directory.
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        var runuser = new[] { "/usr/sbin/runuser", "/sbin/runuser" }.FirstOrDefault(File.Exists);
        if (runAs is null)
        {
            start.FileName = program;
            AddAll(start, arguments);
        }
        else if (runuser is not null)
        {
            start.FileName = runuser;
            AddAll(start, ["-u", runAs, "--", program, .. arguments]);
        }
        else
        {
            start.FileName = "su";
            AddAll(start, [runAs, "-s", "/bin/sh", "-c", string.Join(' ', new[] { program }.Concat(arguments).Select(ShellQuote))]);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{start.FileName}: {e.Message}");
        }

        // pg_ctl -l sends the server's output to the log, so the pipes close when pg_ctl exits.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} timed out after {CommandTimeout.TotalSeconds:0} s");
        }

        return (process.ExitCode, (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false)));
    }

    private Task<(int ExitCode, string Output)> PgAsync(string tool, IReadOnlyList<string> arguments) =>
        RunAsync(Path.Combine(_bin, tool), arguments, _runAs, _folder);

    private static void AddAll(ProcessStartInfo start, IEnumerable<string> arguments)
    {
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= 600 ? trimmed : "..." + trimmed[^600..];
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
