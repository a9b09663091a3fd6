using System.ComponentModel;
using System.Diagnostics;

namespace Tandem.Security.Sandbox;

/// <summary>
/// Kills a sandboxed process and everything it started, by scanning <c>/proc</c>: its descendants, and every member of
/// the process groups and sessions that it (or anything killed on its behalf) belonged to. Everything found is first
/// stopped (SIGSTOP), the scan repeated until it finds nothing new, and only then is everything killed (SIGKILL).
/// The root is started as the leader of its own session, so a background child that outlives it is still found by
/// session; a child that made itself a new session is found through the tree. What escapes in the subprocess mode:
/// a process that double-forked into a new session before the kill began (its parent already gone, nothing links it
/// to the run). Under bubblewrap that one dies too, with the pid namespace.
/// </summary>
internal static class ProcessTreeKiller
{
    private const int MaxRounds = 200;

    /// <param name="root">The process the sandbox started.</param>
    /// <param name="rootLeadsSession">True when the root was started as a session and group leader (setsid).</param>
    /// <param name="killRoot">
    /// True to kill the root itself (a limit or a cancellation). False after it exited by itself: only what it left
    /// behind is killed, and its pid is skipped, since once reaped it may belong to an unrelated process.
    /// </param>
    /// <returns>The pids killed.</returns>
    public static async Task<IReadOnlyCollection<int>> KillAsync(Process root, bool rootLeadsSession, bool killRoot)
    {
        var rootPid = root.Id;
        var self = ProcStat.Read(Environment.ProcessId);
        var groups = new HashSet<int>();
        var sessions = new HashSet<int>();
        if (rootLeadsSession)
        {
            // While any member remains, the kernel cannot hand this id to another process: safe to use after the root died.
            groups.Add(rootPid);
            sessions.Add(rootPid);
        }

        var killed = new HashSet<int>();
        for (var round = 0; round < MaxRounds; round++)
        {
            // Freeze: stop everything found, then look again from the stopped processes until nothing new turns up.
            // Killing straight away loses a child forked during the scan (bwrap's namespace init, born while bwrap was
            // being killed, survived that way in a test before this), since it is re-parented before it is seen.
            var frozen = new Dictionary<int, ProcStat>();
            for (var pass = 0; pass < MaxRounds; pass++)
            {
                var fresh = FindTargets(ProcStat.ReadAll(), rootPid, killRoot, [.. killed, .. frozen.Keys], groups, sessions, self)
                    .Where(s => !frozen.ContainsKey(s.Pid) && !killed.Contains(s.Pid))
                    .ToList();
                if (fresh.Count == 0)
                {
                    break;
                }

                foreach (var target in fresh)
                {
                    if (target.ProcessGroup != self?.ProcessGroup)
                    {
                        groups.Add(target.ProcessGroup);
                    }

                    if (target.Session != self?.Session)
                    {
                        sessions.Add(target.Session);
                    }

                    PosixSignals.Send(target.Pid, PosixSignals.SigStop);
                    frozen[target.Pid] = target;
                }
            }

            if (frozen.Count == 0)
            {
                break;
            }

            foreach (var pid in frozen.Keys)
            {
                if (pid == rootPid)
                {
                    KillRoot(root);
                }
                else
                {
                    PosixSignals.Send(pid, PosixSignals.SigKill);
                }

                killed.Add(pid);
            }

            await Task.Delay(1).ConfigureAwait(false);
        }

        await WaitGoneAsync(killed).ConfigureAwait(false);
        return killed;
    }

    private static List<ProcStat> FindTargets(
        List<ProcStat> all, int rootPid, bool killRoot, IEnumerable<int> parents, HashSet<int> groups, HashSet<int> sessions, ProcStat? self)
    {
        var byPid = all.ToDictionary(s => s.Pid);
        var children = all.ToLookup(s => s.ParentPid);
        var found = new Dictionary<int, ProcStat>();

        var frontier = new Queue<int>(parents);
        if (killRoot)
        {
            frontier.Enqueue(rootPid);
            if (byPid.TryGetValue(rootPid, out var rootStat))
            {
                found[rootPid] = rootStat;
            }
        }

        var seen = new HashSet<int>(frontier);
        while (frontier.Count > 0)
        {
            foreach (var child in children[frontier.Dequeue()])
            {
                if (seen.Add(child.Pid))
                {
                    found[child.Pid] = child;
                    frontier.Enqueue(child.Pid);
                }
            }
        }

        foreach (var stat in all)
        {
            if (groups.Contains(stat.ProcessGroup) || sessions.Contains(stat.Session))
            {
                found[stat.Pid] = stat;
            }
        }

        return [.. found.Values.Where(s =>
            s.IsAlive
            && s.Pid != Environment.ProcessId
            && s.Pid != self?.ParentPid
            && s.Pid > 1
            && (killRoot || s.Pid != rootPid))];
    }

    private static void KillRoot(Process root)
    {
        try
        {
            root.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Gone between the scan and the kill.
        }
    }

    /// <summary>SIGKILL is asynchronous: wait (briefly) until none of the killed processes is still running.</summary>
    private static async Task WaitGoneAsync(HashSet<int> killed)
    {
        for (var i = 0; i < 200 && killed.Any(pid => ProcStat.Read(pid) is { IsAlive: true }); i++)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
    }
}
