using System.Globalization;

namespace Tandem.Bench.Capacity;

/// <summary>Reads a process's memory, CPU time and limits from Linux's <c>/proc</c>; <see langword="null"/> elsewhere.</summary>
internal static class ProcFs
{
    /// <summary>Clock ticks per second of <c>/proc/PID/stat</c> (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    public static bool Available => OperatingSystem.IsLinux() && Directory.Exists("/proc/self");

    /// <summary>VmRSS, RssAnon, Threads and the descriptor count of <paramref name="pid"/>.</summary>
    public static ServerMemorySample? Sample(int pid)
    {
        var status = ReadStatus(pid);
        if (status is null)
        {
            return null;
        }

        return new ServerMemorySample
        {
            WorkingSetBytes = Kilobytes(status, "VmRSS"),
            AnonymousBytes = Kilobytes(status, "RssAnon"),
            Threads = status.TryGetValue("Threads", out var t) && int.TryParse(t, CultureInfo.InvariantCulture, out var threads) ? threads : null,
            FileDescriptors = CountDescriptors(pid, socketsOnly: false),
        };
    }

    /// <summary>User + system CPU seconds of <paramref name="pid"/>.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

            // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>"soft/hard" of the open-files limit, e.g. <c>20000/20000</c>.</summary>
    public static string? OpenFilesLimit(int pid)
    {
        var soft = OpenFilesSoftLimit(pid, out var hard);
        return soft is null ? null : $"{soft}/{hard}";
    }

    public static long? OpenFilesSoftLimit(int pid, out string hard)
    {
        hard = "?";
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    continue;
                }

                var parts = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                hard = parts.Length > 1 ? parts[1] : "?";
                return long.TryParse(parts[0], CultureInfo.InvariantCulture, out var soft) ? soft : long.MaxValue;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>Open descriptors of <paramref name="pid"/>; with <paramref name="socketsOnly"/>, sockets only.</summary>
    public static int? CountDescriptors(int pid, bool socketsOnly)
    {
        try
        {
            var count = 0;
            foreach (var entry in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                if (!socketsOnly)
                {
                    count++;
                    continue;
                }

                try
                {
                    if (new FileInfo(entry).LinkTarget is { } target && target.StartsWith("socket:", StringComparison.Ordinal))
                    {
                        count++;
                    }
                }
                catch (IOException)
                {
                    // Closed while enumerating.
                }
            }

            return count;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The 1-minute load average.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static Dictionary<string, string>? ReadStatus(int pid)
    {
        try
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    fields[line[..colon]] = line[(colon + 1)..].Trim();
                }
            }

            return fields;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? Kilobytes(Dictionary<string, string> status, string key) =>
        status.TryGetValue(key, out var value) && value.EndsWith(" kB", StringComparison.Ordinal)
        && long.TryParse(value.AsSpan(0, value.Length - 3), CultureInfo.InvariantCulture, out var kb)
            ? kb * 1024
            : null;
}
