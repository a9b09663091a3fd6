namespace Tandem.Responses.Transport;

/// <summary>
/// Runs elsewhere a wait for data that a connection's thread has not got to. Code resumed on a
/// connection's thread (an HTTP response's reader, and from there its caller) that then blocks that
/// thread until a request answers (sync over async) would otherwise wait forever when the pool gives
/// the request the same connection: its answer is waited for on the blocked thread. The runtime's
/// thread pool meets the same problem by adding threads; here a timer looks every <see cref="After"/>
/// for a wait that has not started for as long and hands it to the runtime's socket engine
/// (<see cref="ConnectionThreadStream.RescueIfStuck"/>).
/// </summary>
internal static class ConnectionThreadRescue
{
    /// <summary>How long a wait may sit unstarted before it is handed to the runtime's socket engine.</summary>
    public static readonly TimeSpan After = TimeSpan.FromMilliseconds(100);

    private static readonly Lock Sync = new();
    private static readonly List<ConnectionThreadStream> Live = [];
    private static Timer? s_timer;

    public static void Register(ConnectionThreadStream stream)
    {
        lock (Sync)
        {
            Live.Add(stream);
            if (Live.Count == 1)
            {
                if (s_timer is null)
                {
                    // Not capturing the first caller's async locals for the process's lifetime.
                    using (ExecutionContext.SuppressFlow())
                    {
                        s_timer = new Timer(static _ => Check(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    }
                }

                s_timer.Change(After, After);
            }
        }
    }

    public static void Unregister(ConnectionThreadStream stream)
    {
        lock (Sync)
        {
            if (Live.Remove(stream) && Live.Count == 0)
            {
                s_timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan); // no connection, no ticks
            }
        }
    }

    private static void Check()
    {
        ConnectionThreadStream[] live;
        lock (Sync)
        {
            live = [.. Live];
        }

        foreach (var stream in live)
        {
            stream.RescueIfStuck(After);
        }
    }
}
