using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tandem.Security.Sandbox;

/// <summary>
/// Starts every sandboxed process from one dedicated thread that lives as long as the host process.
/// Why: Linux delivers a parent-death signal (bwrap's <c>--die-with-parent</c>, <c>setpriv --pdeathsig</c>) when the
/// <em>thread</em> that forked the child exits, not the process. .NET forks on the calling thread, and thread-pool
/// threads retire when idle, which killed a long run at random (measured: bwrap got SIGKILL as soon as the starting
/// thread ended). From this thread the signal fires only when the whole host dies, which is what it is for.
/// </summary>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> s_requests = [];
    private static readonly Lazy<Thread> s_thread = new(StartThread, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<Process> StartAsync(ProcessStartInfo info)
    {
        _ = s_thread.Value;
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        s_requests.Add((info, started));
        return started.Task;
    }

    private static Thread StartThread()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "Tandem sandbox spawner" };
        thread.Start();
        return thread;
    }

    private static void Run()
    {
        foreach (var (info, started) in s_requests.GetConsumingEnumerable())
        {
            try
            {
                var process = Process.Start(info);
                if (process is null)
                {
                    started.SetException(new InvalidOperationException($"'{info.FileName}' did not start."));
                }
                else
                {
                    started.SetResult(process);
                }
            }
#pragma warning disable CA1031 // Any failure belongs to the caller waiting for this start; this thread must survive it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                started.SetException(ex);
            }
        }
    }
}
