using System.Globalization;

namespace Tandem.Security.Tests.Sandbox;

/// <summary>Looks for live processes in /proc (zombies awaiting a reaper count as gone: they run nothing).</summary>
internal static class ProcScan
{
    /// <summary>Pids of running processes whose command line contains the marker.</summary>
    public static List<int> Alive(string marker)
    {
        var result = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(marker, StringComparison.Ordinal) && IsAlive(pid))
                {
                    result.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return result;
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X' or 'x');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// The processes with the marker still running after a short grace (up to 3 s): SIGKILL is delivered at once, but a
    /// busy machine may take a moment to schedule the exit of a process killed by the kernel (a dying pid namespace).
    /// </summary>
    public static async Task<List<int>> AliveAfterGraceAsync(string marker, CancellationToken cancellationToken)
    {
        var alive = Alive(marker);
        for (var i = 0; i < 300 && alive.Count > 0; i++)
        {
            await Task.Delay(10, cancellationToken);
            alive = Alive(marker);
        }

        return alive;
    }

    /// <summary>Waits (up to 5 s) for the marker to appear: the process has really started.</summary>
    public static async Task<bool> WaitForAsync(string marker, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 500; i++)
        {
            if (Alive(marker).Count > 0)
            {
                return true;
            }

            await Task.Delay(10, cancellationToken);
        }

        return false;
    }
}
