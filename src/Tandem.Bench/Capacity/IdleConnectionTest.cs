using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;

namespace Tandem.Bench.Capacity;

/// <summary>Opens N WebSocket-mode connections, holds them idle, reads the server's memory, and closes them.</summary>
internal static class IdleConnectionTest
{
    private const int MaxFailureMessages = 5;
    private const int ProgressEvery = 1000;

    /// <summary>Opens the connections and measures; returns the open sockets (closed by <see cref="CloseAsync"/>).</summary>
    public static async Task<List<ClientWebSocket>> OpenAsync(
        CapacityServer server, CapacityConnector connector, CapacityOptions options, int connections, IdleConnectionResults results, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var n = connections;
        results.ClientFileLimit = ProcFs.OpenFilesLimit(Environment.ProcessId);
        results.ServerFileLimit = server.FileLimit;
        var clientHeapBefore = ClientHeap();
        results.ServerBefore = server.SampleMemory(collect: true);
        var gaugeBefore = server.ConnectionGauge() ?? 0;

        var sockets = new ClientWebSocket?[n];
        var next = -1;
        var failures = 0;
        var opened = 0;
        var stop = false;
        var started = Stopwatch.GetTimestamp();

        async Task WorkerAsync()
        {
            while (!Volatile.Read(ref stop))
            {
                var i = Interlocked.Increment(ref next);
                if (i >= n)
                {
                    return;
                }

                try
                {
                    sockets[i] = await connector.ConnectAsync(cancellationToken).ConfigureAwait(false);
                    var now = Interlocked.Increment(ref opened);
                    if (now % ProgressEvery == 0)
                    {
                        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"idle: {now:N0} of {n:N0} connections open ({Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s)"));
                    }
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is WebSocketException or OperationCanceledException or IOException or System.Net.Http.HttpRequestException or System.Net.Sockets.SocketException)
                {
                    RecordFailure(results, ex);
                    if (Interlocked.Increment(ref failures) >= options.MaxConnectFailures)
                    {
                        Volatile.Write(ref stop, true);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.ConnectConcurrency)).Select(_ => Task.Run(WorkerAsync, cancellationToken))).ConfigureAwait(false);
        results.OpenSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var open = sockets.Where(s => s is not null).Select(s => s!).ToList();
        results.Opened = open.Count(s => s.State == WebSocketState.Open);
        results.Failed = failures;
        results.StoppedEarly = Volatile.Read(ref stop);
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"idle: {results.Opened:N0} open, {failures:N0} failed in {results.OpenSeconds:0.0} s; holding them idle for {options.IdleSettle.TotalSeconds:0} s"));

        await Task.Delay(options.IdleSettle, cancellationToken).ConfigureAwait(false);
        results.ServerIdle = server.SampleMemory(collect: true);
        results.ServerConnectionsSeen = server.ConnectionGauge() is { } gauge ? gauge - gaugeBefore : null;
        var opens = Math.Max(1, results.Opened);
        results.WorkingSetBytesPerConnection = PerConnection(results.ServerBefore?.WorkingSetBytes, results.ServerIdle?.WorkingSetBytes, opens);
        results.AnonymousBytesPerConnection = PerConnection(results.ServerBefore?.AnonymousBytes, results.ServerIdle?.AnonymousBytes, opens);
        results.GcHeapBytesPerConnection = PerConnection(results.ServerBefore?.GcHeapBytes, results.ServerIdle?.GcHeapBytes, opens);
        if (server.Mode != CapacityServerMode.InProcess)
        {
            results.ClientGcHeapBytesPerConnection = (ClientHeap() - clientHeapBefore) / (double)opens;
        }

        return open;
    }

    public static async Task CloseAsync(
        CapacityServer server, CapacityConnector connector, List<ClientWebSocket> sockets, CapacityOptions options, IdleConnectionResults results, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"idle: closing {sockets.Count:N0} connections"));
        var started = Stopwatch.GetTimestamp();
        var next = -1;
        var closed = 0;
        var failed = 0;

        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < sockets.Count)
            {
                if (await connector.CloseAsync(sockets[i], cancellationToken).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref closed);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.ConnectConcurrency)).Select(_ => Task.Run(WorkerAsync, cancellationToken))).ConfigureAwait(false);
        results.CloseSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        results.Closed = closed;
        results.CloseFailed = failed;
        sockets.Clear();

        // Give the server a moment to finish its side of the closes before reading it.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        results.ServerAfterClose = server.SampleMemory(collect: true);
    }

    private static void RecordFailure(IdleConnectionResults results, Exception ex)
    {
        var message = ex.Message;
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += " → " + inner.Message;
        }

        lock (results.FailureMessages)
        {
            if (results.FailureMessages.Count < MaxFailureMessages && !results.FailureMessages.Contains(message))
            {
                results.FailureMessages.Add(message);
            }
        }
    }

    private static double? PerConnection(long? before, long? after, int connections) =>
        before is { } b && after is { } a ? (a - b) / (double)connections : null;

    private static long ClientHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
