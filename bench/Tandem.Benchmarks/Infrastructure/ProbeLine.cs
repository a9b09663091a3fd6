using System.Globalization;
using BenchmarkDotNet.Reports;

namespace Tandem.Benchmarks.Infrastructure;

/// <summary>
/// The line a benchmark process prints with its LOH probe's findings. BenchmarkDotNet keeps each
/// benchmark process's standard output in its report, which is how the figures reach the host's
/// summary table.
/// </summary>
public static class ProbeLine
{
    public const string Prefix = "// tandem-bench-probe";

    /// <summary>A <c>key=value</c> field of the probe line of <paramref name="report"/>, if it printed one.</summary>
    public static string? Field(BenchmarkReport? report, string key)
    {
        var line = report?.ExecuteResults
            .SelectMany(r => r.StandardOutput)
            .LastOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        foreach (var part in line[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part.AsSpan(0, eq).SequenceEqual(key))
            {
                return part[(eq + 1)..];
            }
        }

        return null;
    }

    public static double? Number(BenchmarkReport? report, string key) =>
        double.TryParse(Field(report, key), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
