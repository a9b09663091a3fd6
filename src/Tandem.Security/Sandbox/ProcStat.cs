using System.Globalization;

namespace Tandem.Security.Sandbox;

/// <summary>The fields of <c>/proc/[pid]/stat</c> the process-tree killer needs.</summary>
internal readonly record struct ProcStat(int Pid, char State, int ParentPid, int ProcessGroup, int Session)
{
    /// <summary>Zombies and dead entries cannot be killed any further; they are waiting to be reaped.</summary>
    public bool IsAlive => State is not ('Z' or 'X' or 'x');

    public static ProcStat? Read(int pid)
    {
        try
        {
            return Parse(pid, File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static List<ProcStat> ReadAll()
    {
        var result = new List<ProcStat>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory.AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(pid) is { } stat)
            {
                result.Add(stat);
            }
        }

        return result;
    }

    /// <summary>Parses "pid (comm) state ppid pgrp session ...". The command name may hold spaces and parentheses, so fields count from the last ')'.</summary>
    public static ProcStat? Parse(int pid, string text)
    {
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length)
        {
            return null;
        }

        var fields = text[(close + 2)..].Split(' ', 5);
        if (fields.Length < 4 || fields[0].Length != 1
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var group)
            || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var session))
        {
            return null;
        }

        return new ProcStat(pid, fields[0][0], parent, group, session);
    }
}
