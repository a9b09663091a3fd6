using System.Text;
using Tandem.Server.Backends;
using Tandem.Server.Operations;

namespace Tandem.Bench.Scenarios;

/// <summary>
/// What a scenario tool does in every client alike: waits its latency (to an absolute deadline, so
/// the wait does not overshoot like a bare <c>Task.Delay</c>) and returns a deterministic output of its
/// size that starts with "<c>NAME ok</c>" (scenarios' <c>expect_output</c> checks it).
/// </summary>
public static class SimulatedTool
{
    /// <summary>Runs the tool: the same output for the same call, whichever client asks.</summary>
    public static async Task<string> RunAsync(ScenarioTool tool, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var clock = DeadlineClock.StartNew();
        var output = Output(tool, arguments);
        await clock.WaitUntilAsync(tool.LatencyMs, cancellationToken).ConfigureAwait(false);
        return output;
    }

    /// <summary>The output of a call: the tool's name, a digest of the arguments, filler to the declared size.</summary>
    public static string Output(ScenarioTool tool, string arguments)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var head = $"{tool.Name} ok ({(uint)StableHash(arguments):x8}) ";
        if (tool.OutputBytes <= head.Length)
        {
            return head.TrimEnd();
        }

        var builder = new StringBuilder(tool.OutputBytes).Append(head);
        for (var i = 0; builder.Length < tool.OutputBytes; i++)
        {
            builder.Append(Words[i % Words.Length]).Append(' ');
        }

        return builder.ToString(0, tool.OutputBytes);
    }

    // FNV-1a: stable across processes and runtimes (string.GetHashCode is randomised per process).
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }

    private static readonly string[] Words =
    [
        "alpha", "result", "line", "value", "record", "match", "file", "entry", "status", "ok",
        "token", "index", "module", "branch", "commit", "test", "passed", "item", "field", "data",
    ];
}
