using System.Globalization;
using System.Net.WebSockets;

namespace Tandem.Bench.Capacity;

/// <summary>
/// <c>tandem bench server</c>: how many idle WebSocket-mode connections the local server holds (and
/// the memory each costs), and how many small scripted turns per second it serves. Targets:
/// ≥ 10,000 idle connections and ≥ 2,000 turns/s on 2 cores (docs/benchmark-method.md).
/// </summary>
public static class CapacityBench
{
    private const int WarmUpTurns = 200;

    /// <summary>Descriptors a process needs besides its connections (runtime, listener, pipes…).</summary>
    private const int DescriptorReserve = 200;

    public static async Task<CapacityResults> RunAsync(CapacityOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Connections < 0 || options.TurnConcurrency < 0 || options.ConnectConcurrency < 1)
        {
            throw new ArgumentException("Connections and TurnConcurrency must be at least 0, ConnectConcurrency at least 1.", nameof(options));
        }

        if (options.Mode == CapacityServerMode.External && options.BaseUrl is null)
        {
            throw new ArgumentException("External mode needs BaseUrl.", nameof(options));
        }

        var results = new CapacityResults { RequestedMode = options.Mode, Profile = options.Profile, LoadAverageAtStart = ProcFs.LoadAverage() };
        var server = await StartServerAsync(options, results, progress, cancellationToken).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            results.Mode = server.Mode;
            results.Server = server.Description;
            results.BaseUrl = server.BaseUri.ToString();
            progress?.Report($"server: {server.Description}");
            using var connector = new CapacityConnector(server.WebSocketUri, server.ApiKey, options.ConnectTimeout);
            await WarmUpAsync(connector, options, progress, cancellationToken).ConfigureAwait(false);
            var connections = FitDescriptorLimits(server, options, results);

            List<ClientWebSocket>? idle = null;
            try
            {
                if (connections > 0)
                {
                    results.Idle = new IdleConnectionResults
                    {
                        Requested = options.Connections,
                        LimitedTo = connections < options.Connections ? connections : null,
                    };
                    idle = await IdleConnectionTest.OpenAsync(server, connector, options, connections, results.Idle, progress, cancellationToken).ConfigureAwait(false);
                    if (!options.KeepIdleDuringTurns)
                    {
                        await IdleConnectionTest.CloseAsync(server, connector, idle, options, results.Idle, progress, cancellationToken).ConfigureAwait(false);
                        idle = null;
                    }
                }

                if (options.TurnDuration > TimeSpan.Zero && options.TurnConcurrency > 0)
                {
                    results.Turns = await TurnRateTest.RunAsync(server, connector, options, progress, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                if (idle is not null && results.Idle is not null)
                {
                    await IdleConnectionTest.CloseAsync(server, connector, idle, options, results.Idle, progress, CancellationToken.None).ConfigureAwait(false);
                }
            }

            AddNotes(server, options, results);
        }

        return results;
    }

    private static async Task<CapacityServer> StartServerAsync(CapacityOptions options, CapacityResults results, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (options.Mode == CapacityServerMode.External)
        {
            return new ExternalCapacityServer(options.BaseUrl!, options.ApiKey);
        }

        var apiKey = options.ApiKey ?? "sk-bench-capacity-" + Guid.NewGuid().ToString("N");
        if (options.Mode == CapacityServerMode.ChildProcess)
        {
            var dll = TandemCliLocator.Find(options.ServerAssemblyPath, out var searched);
            if (dll is not null)
            {
                progress?.Report($"server: starting {dll} serve as a child process");
                return await ChildProcessCapacityServer.StartAsync(dll, options, apiKey, cancellationToken).ConfigureAwait(false);
            }

            if (options.ServerAssemblyPath is not null)
            {
                throw new FileNotFoundException($"The server assembly {options.ServerAssemblyPath} does not exist.", options.ServerAssemblyPath);
            }

            results.Notes.Add($"tandem.dll was not found (looked in {string.Join(", ", searched)}): the server ran in-process instead of as a child process. Build src/Tandem.Cli or pass its path to measure the server alone.");
        }

        progress?.Report("server: starting in-process");
        return await InProcessCapacityServer.StartAsync(options, apiKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A few hundred turns on one connection, so the server's WebSocket path is compiled before anything is read.</summary>
    private static async Task WarmUpAsync(CapacityConnector connector, CapacityOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        progress?.Report("warm-up: " + WarmUpTurns + " turns on one connection");
        var socket = await connector.ConnectAsync(cancellationToken).ConfigureAwait(false);
        using var connection = new TurnConnection(socket, options);
        for (var i = 0; i < WarmUpTurns; i++)
        {
            var outcome = await connection.RunTurnAsync(cancellationToken).ConfigureAwait(false);
            if (!outcome.Completed)
            {
                throw new InvalidOperationException($"The warm-up turn failed: {outcome.Error}");
            }
        }

        await connector.CloseAsync(socket, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The connections the idle test may open without running out of descriptors: running out does
    /// not fail politely (an in-process run at the limit aborted with "Out of memory."), so the
    /// test stops short of the limit and says so.
    /// </summary>
    private static int FitDescriptorLimits(CapacityServer server, CapacityOptions options, CapacityResults results)
    {
        var connections = options.Connections;
        var perConnection = server.Mode == CapacityServerMode.InProcess ? 2 : 1;
        var reserve = DescriptorReserve + options.TurnConcurrency * perConnection;
        if (ProcFs.OpenFilesSoftLimit(Environment.ProcessId, out var hard) is { } soft)
        {
            var fit = (int)Math.Max(0, Math.Min(int.MaxValue, (soft - reserve) / perConnection));
            if (fit < connections)
            {
                results.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Open-files limit: this process may open {soft:N0} files (hard limit {hard}); {connections:N0} connections need about {(long)connections * perConnection + reserve:N0} here ({perConnection} per connection{(perConnection == 2 ? ": client and server sockets share the in-process limit" : string.Empty)}), so the idle test opened at most {fit:N0}. The .NET runtime already raises the soft limit to the hard one; raise the hard limit (ulimit -Hn, as root) or run the server as a child process to go further."));
                connections = fit;
            }
        }

        if (server is ChildProcessCapacityServer child && ProcFs.OpenFilesSoftLimit(child.ProcessId, out var serverHard) is { } serverSoft)
        {
            var fit = (int)Math.Max(0, Math.Min(int.MaxValue, serverSoft - DescriptorReserve - options.TurnConcurrency));
            if (fit < connections)
            {
                results.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Open-files limit: the server process may open {serverSoft:N0} files (hard limit {serverHard}), so the idle test opened at most {fit:N0} connections."));
                connections = fit;
            }
        }

        return connections;
    }

    private static void AddNotes(CapacityServer server, CapacityOptions options, CapacityResults results)
    {
        switch (server.Mode)
        {
            case CapacityServerMode.ChildProcess:
                results.Notes.Add("Server memory is the child process's VmRSS and RssAnon from /proc; its GC heap is not readable from outside without diagnostics tools.");
                results.Notes.Add($"Client and server share this machine's {Environment.ProcessorCount} processors: turns/s is what both together reach; server-bound turns/s (processors ÷ server CPU per turn) is what the server alone would reach.");
                break;
            case CapacityServerMode.InProcess:
                results.Notes.Add("In-process: memory figures (GC heap, working set) include the client's own ClientWebSockets, and CPU time is client and server together.");
                break;
            case CapacityServerMode.External:
                results.Notes.Add("External server: its memory and CPU are not measured; turns/s includes the network.");
                break;
        }

        if (results.Idle is { } idle)
        {
            if (idle.StoppedEarly)
            {
                results.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"The idle test stopped after {idle.Failed} failed connects at {idle.Opened:N0} open: {string.Join(" | ", idle.FailureMessages)}"));
            }

            if (idle.Failed > 0 && !idle.StoppedEarly)
            {
                results.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{idle.Failed:N0} connections failed to open: {string.Join(" | ", idle.FailureMessages)}"));
            }
        }

        if (options.ChainTurns > 0)
        {
            results.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Turns chain {options.ChainTurns} at a time with previous_response_id (store:false, served from the connection cache)."));
        }
    }
}
